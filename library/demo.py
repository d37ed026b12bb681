"""Demo content for the resource library: one resource for each reading of the demo course.

Pure data, like ``modules/demo/content.py``: each entry names the reading (``document``, a key of
``content.DOCUMENTS``), and the themes, modules (by number) and experts it belongs with, by their
keys there. The publishers are the same fictional institutions the experts belong to.
"""

LIBRARY = {
    "title": "Resource library",
    "slug": "library",
    "introduction": (
        "<p>Brochures, toolkits, guides and policy texts to take back to your desk. Every "
        "resource is free to download; its licence says what you may do with it.</p>"
    ),
}

RESOURCES = [
    {
        "document": "people-centred-charter",
        "slug": "people-centred-charter",
        "resource_type": "policy",
        "year": 2023,
        "publisher": "Nordic Centre for Urban Research",
        "language": "en",
        "licence": "cc-by-4.0",
        "summary": (
            "Seven principles a council can adopt as they stand, rewrite in its own words or "
            "simply use as a checklist when a digital project is proposed. The charter asks "
            "that projects begin from a need people have named, that residents can still "
            "change what matters, that nobody loses a service for lack of a smartphone, and "
            "that data paid for by the public stays under public control.\n"
            "It is deliberately short, so that it can be read aloud at the start of a "
            "steering-group meeting."
        ),
        "themes": ["governance-and-participation", "inclusion", "data-and-privacy", "economy"],
        "modules": [1, 8],
        "authors": ["ingrid-halvorsen"],
    },
    {
        "document": "data-rights-primer",
        "slug": "data-rights-primer",
        "resource_type": "brochure",
        "year": 2024,
        "publisher": "European Centre for Human Rights and Technology",
        "language": "en",
        "licence": "cc-by-sa-4.0",
        "summary": (
            "A plain-language introduction to the data-protection principles and residents' "
            "rights that come up whenever a municipality plans a data-driven service. It goes "
            "beyond compliance to ask whether a lawful service can still treat some groups "
            "unfairly, and ends with five questions to settle before a project starts.\n"
            "It is not legal advice: bring specific cases to your data protection officer."
        ),
        "themes": ["data-and-privacy"],
        "modules": [2, 7],
        "authors": ["amira-haddad"],
    },
    {
        "document": "participation-guide",
        "slug": "digital-participation-guide",
        "resource_type": "toolkit",
        "year": 2022,
        "publisher": "City of Norrhamn",
        "language": "en",
        "licence": "cc-by-4.0",
        "summary": (
            "Practical advice for officials who run participation processes that mix online "
            "tools with meetings, walks and conversations in familiar places. It covers what "
            "to settle before inviting anyone, how to choose methods for the people you need "
            "to reach, how to use maps and models without selling a finished design, and a "
            "checklist for participatory budgeting drawn from Norrhamn's own rounds."
        ),
        "themes": ["governance-and-participation", "inclusion"],
        "modules": [3],
        "authors": ["sofia-lindqvist"],
    },
    {
        "document": "inclusion-self-assessment",
        "slug": "inclusion-self-assessment",
        "resource_type": "toolkit",
        "year": 2024,
        "publisher": "Baltic Institute of Digital Society",
        "language": "en",
        "licence": "cc-by-nc-4.0",
        "summary": (
            "A set of yes-partly-no questions for reviewing one digital public service at a "
            "time: can it be used without a smartphone or an electronic ID, is the offline "
            "route as good as the online one, who helps residents who get stuck, and who "
            "gives up halfway. It works best filled in together with front-line staff, and "
            "ends by asking you to pick no more than three improvements."
        ),
        "themes": ["inclusion", "mobility"],
        "modules": [4, 5],
        "authors": ["anna-kask"],
    },
    {
        "document": "procurement-checklist",
        "slug": "ethical-procurement-checklist",
        "resource_type": "toolkit",
        "year": 2025,
        "publisher": "Finnish Institute for Municipal Studies",
        "language": "en",
        "licence": "cc0",
        "summary": (
            "Questions for procurement teams to work into a tender for equipment, software "
            "or services: where devices come from and who made them, who controls the data "
            "and in which formats it can be taken out, how an algorithm was trained and who "
            "can audit it, and what the equipment costs in energy. Released into the public "
            "domain so that any public buyer can copy it into their own documents."
        ),
        "themes": ["economy", "environment-and-energy", "data-and-privacy"],
        "modules": [6, 7],
        "authors": ["mikko-virtanen", "anna-kask"],
    },
    {
        "document": "glossary",
        "slug": "smart-city-glossary",
        "resource_type": "brochure",
        "year": 2025,
        "publisher": "Smart Cities for City Officials course team",
        "language": "en",
        "licence": "cc-by-4.0",
        "summary": (
            "Short definitions of the terms the course uses, from algorithm registers and "
            "energy communities to rebound effects and vendor lock-in, written for people "
            "who need to explain them at a council meeting rather than in a seminar."
        ),
        "themes": [
            "mobility",
            "environment-and-energy",
            "governance-and-participation",
            "inclusion",
            "data-and-privacy",
            "economy",
        ],
        "modules": [1, 8],
        "authors": [],
    },
]
