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

# The eight publications UN-Habitat highlights on its People-Centred Smart Cities programme page
# (the seed document of UN-Habitat): real titles, types and publisher. Read on the publisher's
# site, so each has an address there rather than a file; the year and licence are not given in
# the document and are left empty. The summaries are ours.
# The document gives no addresses. Each one below is a UN-Habitat page known to exist (each was
# found among crawled pages of its sites): the publication's own page where there is one (the
# participatory budgeting and mixed reality reports), else the page where UN-Habitat presents
# the work (the Sihanoukville project at its Fukuoka office, the digital human rights guide,
# the news of the China outlook's launch), else the programme page that lists all eight.
UN_HABITAT = "UN-Habitat"

PUBLICATIONS = [
    {
        "slug": "un-habitat-people-centered-smart-cities",
        "title": "People-Centered Smart Cities",
        "resource_type": "brochure",
        "url": "https://unhabitat.org/programme/people-centred-smart-cities",
        "summary": (
            "A brochure introducing UN-Habitat's flagship programme on people-centred smart "
            "cities: why technology in cities should serve sustainability, inclusion, "
            "prosperity and human rights, and how the programme helps national and local "
            "governments with their digital transition.\n"
            "A quick way to see how a United Nations agency frames the questions this course "
            "asks."
        ),
        "themes": ["governance-and-participation", "inclusion"],
        "modules": [1],
    },
    {
        "slug": "un-habitat-sihanoukville-for-all",
        "title": "Sihanoukville for all: Promoting a Sustainable, Inclusive Smart City",
        "resource_type": "technical-report",
        "url": "https://fukuoka.unhabitat.org/projects/1620/",
        "summary": (
            "A technical report on one city, Sihanoukville, and what it would take for its "
            "smart city plans to be both sustainable and inclusive.\n"
            "Useful as a worked case: it shows the course's general questions applied to a "
            "single place and its residents."
        ),
        "themes": ["inclusion", "environment-and-energy"],
        "modules": [1, 4],
    },
    {
        "slug": "un-habitat-participatory-budgeting-digital-technology",
        "title": (
            "Innovation and digital technology to re-imagine Participatory Budgeting as a tool "
            "for building social resilience"
        ),
        "resource_type": "toolkit",
        "url": (
            "https://unhabitat.org/innovation-and-digital-technology-to-re-imagine-"
            "participatory-budgeting-as-a-tool-for-building"
        ),
        "summary": (
            "A guide for councils that want residents to decide on part of the budget, and "
            "that ask how digital tools can widen that process without shutting anyone out.\n"
            "Read it beside the module on governance and participation, where participatory "
            "budgeting is one of the cases."
        ),
        "themes": ["governance-and-participation", "economy"],
        "modules": [3],
    },
    {
        "slug": "un-habitat-mixed-reality-public-participation",
        "title": (
            "Mixed reality for public participation in urban and public space design - Towards "
            "a new way of crowdsourcing more inclusive smart cities"
        ),
        "resource_type": "technical-report",
        "url": "https://unhabitat.org/node/143354",
        "summary": (
            "A technical report on letting residents see and shape the design of streets, "
            "squares and parks through mixed reality, and on gathering their ideas that way.\n"
            "Its question for officials: does a new way of showing a plan also give new "
            "groups a say in it?"
        ),
        "themes": ["governance-and-participation", "inclusion"],
        "modules": [3],
    },
    {
        "slug": "un-habitat-mainstreaming-human-rights-digital-transformation",
        "title": (
            "Mainstreaming human rights in the digital transformation of cities – A guide for "
            "local governments"
        ),
        "resource_type": "toolkit",
        "url": "https://unhabitat.org/programme/people-centered-smart-cities/digital-human-rights",
        "summary": (
            "A guide written for local governments on keeping human rights at the centre "
            "while services, data and decisions move online.\n"
            "It pairs well with the modules on data, privacy and digital rights and on "
            "ethics in the digital value chain."
        ),
        "themes": ["data-and-privacy", "governance-and-participation"],
        "modules": [2, 7],
    },
    {
        "slug": "un-habitat-innovation-current-projects",
        "title": "UN-Habitat Innovation: Current projects, initiatives and partnerships",
        "resource_type": "brochure",
        "url": "https://unhabitat.org/programme/people-centred-smart-cities",
        "summary": (
            "A brochure giving an overview of the innovation work UN-Habitat is doing: its "
            "projects, its initiatives and the partners it works with.\n"
            "Handy for an official looking for programmes or partners to learn from."
        ),
        "themes": ["governance-and-participation"],
        "modules": [1],
    },
    {
        "slug": "un-habitat-future-cities-advisory-outlook-2020",
        "title": "Future Cities Advisory Outlook 2020: Urban Technologies in China",
        "resource_type": "technical-report",
        "url": (
            "https://unhabitat.org/news/06-aug-2020/"
            "un-habitat-launches-its-first-china-smart-urbanization-report"
        ),
        "summary": (
            "A technical report looking at urban technologies in Chinese cities.\n"
            "It widens the course's mostly Nordic view with cases from another part of the "
            "world and another way of governing technology."
        ),
        "themes": ["economy", "data-and-privacy"],
        "modules": [1, 7],
    },
    {
        "slug": "un-habitat-smart-city-rwanda-master-plan",
        "title": "Smart city Rwanda Master plan",
        "resource_type": "policy",
        "url": "https://unhabitat.org/programme/people-centred-smart-cities",
        "summary": (
            "A policy and strategy document: a master plan for smart cities in Rwanda.\n"
            "Worth comparing with your own city's digital strategy: who it is written for, "
            "which goals come first, and where residents appear in it."
        ),
        "themes": ["governance-and-participation", "economy"],
        "modules": [1, 3],
    },
]
