"""Demo content for the course "Smart Cities for City Officials".

This module is pure data: it has no Django imports, so it can be read by the seeding
management command, by tests and by the developer tool ``scripts/make_demo_media.py``
that generates the matching captions, audio, video and PDF readings.

Shapes:

* ``COURSE`` describes the course as a whole.
* ``EXPERTS`` lists the researchers and practitioners who appear in lessons. All of them
  are fictional, and so are the institutions they are attached to.
* ``THEMES`` is the shared set of themes that tag lessons, events and resources; each module
  names the themes its lessons carry.
* ``DOCUMENTS`` lists downloadable readings; the files live in ``modules/demo/documents/``.
* ``MODULES`` holds the eight modules, each with three or four lessons. Video and audio
  lessons name a media file stem (files live in ``modules/demo/media/``) and carry the
  spoken ``script`` from which captions are built. Lesson bodies are lists of
  ``(block_type, value)`` tuples for a Wagtail StreamField.
"""

COURSE = {
    "title": "Smart Cities for City Officials",
    "slug": "smart-cities-for-city-officials",
    "tagline": (
        "A free, self-paced programme that brings social-science research on smart cities "
        "to the people who plan, buy and run digital services in municipalities."
    ),
    "introduction": [
        (
            "Smart Cities for City Officials is an open, free and self-paced online programme "
            "that approaches smart cities from a social-sciences perspective. Across eight "
            "modules it combines video lectures, audio lectures, written material and "
            "interviews with researchers, so that you can study at your own pace and return "
            "to a topic whenever your work calls for it."
        ),
        (
            "Research on how digital technologies are changing cities has grown quickly, yet "
            "most of it stays inside universities and seldom reaches the municipal offices "
            "where smart city projects are planned, procured and run. The programme is an "
            "attempt to narrow that gap by putting researchers and practitioners in "
            "conversation about mobility, energy, participation, inclusion, data, ethics, "
            "cooperation between cities and the urban economy."
        ),
        (
            "The course does not claim to settle the big questions of smart cities, and it "
            "does not offer ready-made solutions. Its purpose is to provide food for thought: "
            "concepts, examples and questions that can sharpen the judgement you already "
            "bring to your daily work."
        ),
    ],
    "audience": [
        (
            "The programme is written first of all for city officials and practitioners: "
            "planners, digitalisation and IT managers, procurement officers, service "
            "designers, participation coordinators and elected representatives who take "
            "decisions about technology on behalf of the public."
        ),
        (
            "It is equally open to researchers, students and citizens who want to understand "
            "the social implications of smart cities. The examples lean towards Nordic and "
            "wider European municipalities, but the material is free to everyone, and the "
            "questions it raises apply to cities of every size and in every region."
        ),
    ],
    "questions": [
        (
            "What democratic, ethical and social-justice challenges arise when smart cities "
            "are defined mainly by corporate products and business models?"
        ),
        (
            "How can digital technologies help make cities more socially progressive and "
            "emancipatory, rather than merely more efficient?"
        ),
        (
            "Who takes part in deciding which technologies a city adopts, and who bears the "
            "costs and risks when things go wrong?"
        ),
        (
            "What can municipalities do, alone and together, to keep public values at the "
            "centre of their digital transformation?"
        ),
    ],
}

THEMES = [
    {
        "key": "mobility",
        "name": "Mobility",
        "description": (
            "How people and goods move through the city, who transport data and sharing "
            "schemes serve, and what a just transport system asks of planners."
        ),
    },
    {
        "key": "environment-and-energy",
        "name": "Environment and energy",
        "description": (
            "Energy systems, climate goals and the material footprint of the technologies "
            "cities buy to reach them."
        ),
    },
    {
        "key": "governance-and-participation",
        "name": "Governance and participation",
        "description": (
            "Who decides about urban technology, and how residents take part in those "
            "decisions beyond consultation by app."
        ),
    },
    {
        "key": "inclusion",
        "name": "Inclusion",
        "description": (
            "Digital divides, accessible public services and the people a digital-first city "
            "leaves behind."
        ),
    },
    {
        "key": "data-and-privacy",
        "name": "Data and privacy",
        "description": (
            "What cities know about their residents, the rights people hold over that "
            "knowledge, and privacy built into services from the start."
        ),
    },
    {
        "key": "economy",
        "name": "Economy",
        "description": (
            "Procurement, platforms, cooperation between cities and who captures the value "
            "that urban data creates."
        ),
    },
]


EXPERTS = [
    {
        "key": "ingrid-halvorsen",
        "name": "Ingrid Halvorsen",
        "role": "Professor of Urban Sociology",
        "organisation": "Nordic Centre for Urban Research, Bergen",
        "biography": (
            "Ingrid Halvorsen studies how Nordic municipalities translate international smart "
            "city ideas into local strategies and everyday administration. She has followed "
            "digitalisation programmes in Norwegian, Swedish and Finnish cities for more than "
            "a decade. Her current work examines public trust and the social effects of "
            "data-driven services."
        ),
    },
    {
        "key": "mikko-virtanen",
        "name": "Mikko Virtanen",
        "role": "Senior Researcher in Public Economics",
        "organisation": "Finnish Institute for Municipal Studies, Tampere",
        "biography": (
            "Mikko Virtanen researches the economics of municipal digitalisation, including "
            "public procurement, platform markets and local innovation. Before moving into "
            "research he worked as an IT procurement adviser for a regional council. He is "
            "especially interested in how smaller municipalities can cooperate to strengthen "
            "their position in technology markets."
        ),
    },
    {
        "key": "sofia-lindqvist",
        "name": "Sofia Lindqvist",
        "role": "Head of Citizen Participation",
        "organisation": "City of Norrhamn, Sweden",
        "biography": (
            "Sofia Lindqvist has led citizen participation in the City of Norrhamn since 2017, "
            "including the municipality's first participatory budget. She combines digital "
            "platforms with outreach in schools, care homes and neighbourhood associations. "
            "She trained as a political scientist and regularly works with researchers to "
            "evaluate her city's participation processes."
        ),
    },
    {
        "key": "anna-kask",
        "name": "Anna Kask",
        "role": "Associate Professor of Science and Technology Studies",
        "organisation": "Baltic Institute of Digital Society, Tallinn",
        "biography": (
            "Anna Kask researches how public organisations govern algorithms and digital "
            "infrastructure, with a focus on transparency and accountability. She has "
            "advised several European cities on registers of the algorithms they use. Her "
            "teaching covers the ethics of automated decision-making in public services."
        ),
    },
    {
        "key": "lars-mikkelsen",
        "name": "Lars Mikkelsen",
        "role": "Researcher in Energy Transitions",
        "organisation": "Danish Centre for Sustainable Cities, Aarhus",
        "biography": (
            "Lars Mikkelsen studies how Danish and Swedish cities involve residents in energy "
            "planning, from district heating to community-owned solar power. His research "
            "looks at energy poverty and at who benefits from public support for "
            "energy-efficiency measures. He previously worked for a municipal utility."
        ),
    },
    {
        "key": "amira-haddad",
        "name": "Amira Haddad",
        "role": "Legal Scholar in Digital Rights",
        "organisation": "European Centre for Human Rights and Technology, Copenhagen",
        "biography": (
            "Amira Haddad is a legal scholar who works on privacy, non-discrimination and "
            "human rights in the digital transformation of public services. She advises "
            "municipalities on impact assessments and on routes of redress for residents. "
            "She has written widely on the gap between legal compliance and fair treatment."
        ),
    },
]

DOCUMENTS = [
    {
        "key": "people-centred-charter",
        "title": "A Short Charter for People-Centred Smart Cities",
        "file": "people-centred-charter.pdf",
    },
    {
        "key": "data-rights-primer",
        "title": "Data, Privacy and Digital Rights: A Primer for Municipal Staff",
        "file": "data-rights-primer.pdf",
    },
    {
        "key": "participation-guide",
        "title": "Digital Participation: A Practical Guide for Municipalities",
        "file": "participation-guide.pdf",
    },
    {
        "key": "inclusion-self-assessment",
        "title": "Digital Inclusion Self-Assessment for Public Services",
        "file": "inclusion-self-assessment.pdf",
    },
    {
        "key": "procurement-checklist",
        "title": "Ethical Procurement Checklist for Digital Technology",
        "file": "ethical-procurement-checklist.pdf",
    },
    {
        "key": "glossary",
        "title": "Smart City Glossary for Practitioners",
        "file": "smart-city-glossary.pdf",
    },
]

MODULES = [
    # ------------------------------------------------------------------ Module 1
    {
        "number": 1,
        "themes": ["governance-and-participation", "economy"],
        "slug": "what-is-a-smart-city-for",
        "title": "What is a smart city for?",
        "summary": (
            "This module introduces the smart city as a contested idea rather than a finished "
            "product. It traces how corporate-led definitions emerged, what social scientists "
            "have criticised about them, and why many cities now aim for people-centred "
            "smart cities."
        ),
        "outcomes": [
            "Explain how corporate-led definitions of the smart city emerged and what they "
            "emphasise.",
            "Identify the democratic, ethical and social-justice concerns raised by "
            "social-science research on smart cities.",
            "Compare efficiency-driven, competitiveness-driven and people-centred approaches "
            "to urban technology.",
            "Apply basic questions about purpose and benefit to a digital project in your own "
            "municipality.",
        ],
        "questions": [
            "Who defined what 'smart' means in your city's strategies, and whose interests did "
            "that definition serve?",
            "What would change in your work if projects began with residents' problems rather "
            "than with available technologies?",
        ],
        "lessons": [
            {
                "slug": "whose-smart-city",
                "title": "Whose smart city?",
                "kind": "video",
                "intro": (
                    "An opening lecture on the central question of the course: what happens "
                    "to democracy and justice when smart cities are defined by what "
                    "technology companies sell?"
                ),
                "experts": [],
                "media": "m1-video",
                "script": [
                    "Welcome to Smart Cities for City Officials, a free course about what "
                    "digital technology means for the life of cities.",
                    "For many years, the smart city was described mainly by technology "
                    "companies, in the language of sensors, platforms and efficiency.",
                    "That story is not wrong, but it leaves out questions about power, "
                    "democracy and justice.",
                    "Who decides which problems a city should solve with technology, and who "
                    "benefits from the solutions?",
                    "In this course, social scientists and practitioners explore those "
                    "questions together, with examples from Nordic and European cities.",
                    "We offer no blueprint, but we hope to give you food for thought for your "
                    "daily work.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>This opening lecture introduces the main question of the course: "
                        "what happens to democracy, ethics and social justice when smart "
                        "cities are defined mainly by the products and business models of "
                        "technology companies? It also sets out the approach of the "
                        "programme, which brings social-science research into conversation "
                        "with municipal practice.</p>"
                        "<p>The lecture is deliberately short. Use it to orient yourself "
                        "before moving on to the audio lecture and the written material in "
                        "this module.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "What does the term smart city mean in your own "
                            "organisation today?",
                            "guidance": "Look at how the term is used in strategies, job "
                            "titles or project names. Note whether it refers mainly to "
                            "technology, to services or to people.",
                        },
                    ),
                ],
            },
            {
                "slug": "three-stories",
                "title": "Three stories cities tell about technology",
                "kind": "audio",
                "intro": (
                    "Smart city strategies tend to mix three narratives: efficiency, "
                    "competition and quality of life. This audio lecture asks what happens "
                    "when they pull in different directions."
                ),
                "experts": [],
                "media": "m1-audio",
                "script": [
                    "Cities tend to tell one of three stories when they talk about becoming smart.",
                    "The first is a story of efficiency, in which data and automation help "
                    "services run faster and cheaper.",
                    "The second is a story of competition, in which technology helps a city "
                    "attract investment, talent and visitors.",
                    "The third is a story about people, in which technology is judged by how "
                    "it improves everyday life and strengthens rights.",
                    "These stories can coexist, and most strategies mix all three.",
                    "The useful question is which story wins when they pull in different "
                    "directions.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Smart city strategies usually combine three narratives: "
                        "efficiency, competitiveness and quality of life for residents. This "
                        "audio lecture describes each of them and argues that the real test "
                        "of a strategy comes when they conflict, for instance when a cheaper "
                        "automated service is harder for some residents to use.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "Every smart city strategy is also a statement about whose "
                            "problems count.",
                            "attribution": "Anna Kask, Baltic Institute of Digital Society",
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "Which of the three stories dominates your "
                            "municipality's digital strategy?",
                            "guidance": "Read the opening section of the strategy and mark "
                            "words related to efficiency, growth and residents' quality of "
                            "life. Consider whether the balance you find reflects the "
                            "priorities your organisation claims to have.",
                        },
                    ),
                ],
            },
            {
                "slug": "from-efficiency-to-people-centred",
                "title": "From efficiency to people-centred smart cities",
                "kind": "written",
                "intro": (
                    "A short history of the smart city idea, and why a growing number of "
                    "cities and international organisations now insist that people, not "
                    "technology, must come first."
                ),
                "experts": ["ingrid-halvorsen"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<h2>Where the idea came from</h2>"
                        "<p>The term smart city came into wide use in the late 2000s, when "
                        "large technology and consulting firms began to market integrated "
                        "systems for managing traffic, energy, water and public safety. The "
                        "pitch was attractive: cities faced growing populations and tight "
                        "budgets, and real-time data promised to make infrastructure work "
                        "harder for less money. Many early showcase projects were built on "
                        "new land or in special districts, designed as much to demonstrate "
                        "products as to serve residents.</p>"
                        "<p>Social scientists soon pointed out what this vision tended to "
                        "leave out. A city is not only a set of pipes, roads and cables; it is "
                        "a political community with conflicting interests, unequal resources "
                        "and a history. When a smart city is defined by what a supplier can "
                        "sell, the questions a municipality asks are shaped by the answers "
                        "already on offer. Problems that do not lend themselves to sensors "
                        "and dashboards, such as loneliness, housing costs or distrust of "
                        "public institutions, risk slipping out of view.</p>"
                        "<h2>Democratic, ethical and social-justice concerns</h2>"
                        "<p>Three concerns recur in the research. The first is democratic: "
                        "decisions about infrastructure that shapes daily life can move from "
                        "elected bodies into contracts and technical specifications that few "
                        "people read. The second is ethical: large-scale data collection and "
                        "automated decision-making raise questions of privacy, consent and "
                        "fairness. The third concerns social justice: the benefits of smart "
                        "solutions often reach well-connected, affluent residents first, "
                        "while the costs and risks fall on those with less voice.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "The most important smart city question is not what the "
                            "technology can do. It is what kind of city we want, and who gets "
                            "to decide.",
                            "attribution": "Ingrid Halvorsen, Nordic Centre for Urban Research",
                        },
                    ),
                    (
                        "paragraph",
                        "<h2>Towards people-centred smart cities</h2>"
                        "<p>In response, many cities and organisations now speak of "
                        "people-centred smart cities. Networks of local governments argue "
                        "that residents' needs must be the starting point, and that "
                        "technology should be adopted where it clearly improves quality of "
                        "life, sustainability and inclusion. In 2023 the member states "
                        "gathered at the UN-Habitat Assembly asked UN-Habitat to prepare "
                        "international guidelines on people-centred smart cities: a "
                        "voluntary framework meant to ensure that digital infrastructure and "
                        "data serve sustainable, inclusive cities that respect human "
                        "rights.</p>"
                        "<p>For a city official, the shift is practical as well as "
                        "philosophical. It means starting projects from a problem defined "
                        "together with residents rather than from a product demonstration; "
                        "involving social services, libraries and community groups alongside "
                        "IT departments; and judging success by outcomes for people, not by "
                        "the number of devices installed.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Think of a digital project in your own organisation. "
                            "Was it defined by a problem residents experienced, or by a "
                            "technology that became available?",
                            "guidance": "Write down who first proposed the project, who was "
                            "consulted and how success is measured. If residents appear in "
                            "none of those three answers, consider where they could have "
                            "been involved.",
                        },
                    ),
                    (
                        "downloads",
                        {
                            "heading": "Further reading",
                            "documents": ["people-centred-charter", "glossary"],
                        },
                    ),
                ],
            },
            {
                "slug": "in-conversation-ingrid-halvorsen",
                "title": "In conversation: why social science matters for smart cities",
                "kind": "written",
                "intro": (
                    "Urban sociologist Ingrid Halvorsen talks about what research can offer "
                    "municipal practitioners, and why she is wary of the word 'smart'."
                ),
                "experts": ["ingrid-halvorsen"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<p>Much of the social-science research on smart cities is published "
                        "in academic journals that municipal staff rarely have time to read. "
                        "Yet researchers and practitioners often work on the same problems "
                        "from different angles. Researchers can step back and compare many "
                        "cities over long periods; practitioners know the constraints of "
                        "budgets, legislation and political mandates from the inside.</p>"
                        "<p>In this interview, Ingrid Halvorsen reflects on what the two "
                        "worlds can learn from each other. Her research follows how Nordic "
                        "municipalities have turned global smart city ideas into local "
                        "strategies, and what happened to those strategies when they met "
                        "everyday administrative reality.</p>",
                    ),
                    (
                        "interview",
                        {
                            "expert": "ingrid-halvorsen",
                            "introduction": "Ingrid Halvorsen has studied smart city "
                            "strategies in Norwegian, Swedish and Finnish municipalities for "
                            "more than a decade.",
                            "exchanges": [
                                {
                                    "question": "Why should a busy city official care about "
                                    "social-science research on smart cities?",
                                    "answer": "Because research can show patterns that are "
                                    "invisible from inside a single project. When you follow "
                                    "twenty cities over ten years, you see which promises "
                                    "were kept, which pilots quietly disappeared and who "
                                    "carried the costs. That perspective is hard to gain when "
                                    "you are under pressure to deliver the next project.",
                                },
                                {
                                    "question": "You have been critical of the word 'smart'. Why?",
                                    "answer": "The word suggests that cities were somehow "
                                    "unintelligent before the technology arrived. It also "
                                    "makes criticism awkward, because nobody wants to argue "
                                    "against being smart. I prefer to ask what a particular "
                                    "technology is supposed to achieve, for whom, and how we "
                                    "will know whether it worked.",
                                },
                                {
                                    "question": "What is distinctive about the Nordic experience?",
                                    "answer": "Nordic municipalities enjoy high levels of "
                                    "trust, strong welfare services and good connectivity, "
                                    "which make digitalisation easier. But trust is an asset "
                                    "that can be spent. If residents feel that data is used "
                                    "against them, or that services have become harder to "
                                    "reach, that trust can erode faster than it was built.",
                                },
                                {
                                    "question": "What would you most like practitioners to "
                                    "take from this course?",
                                    "answer": "Confidence to ask questions. Officials often "
                                    "feel they lack the technical knowledge to challenge a "
                                    "supplier. But the most important questions are not "
                                    "technical. They concern purpose, fairness and "
                                    "accountability, and officials are well equipped to ask "
                                    "them.",
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Halvorsen's remarks about trust deserve attention. In countries "
                        "where most residents trust public institutions, that trust is often "
                        "treated as a given. It is better understood as a resource that has "
                        "to be maintained through transparency, fair treatment and services "
                        "that work. Smart city projects can strengthen it, but badly handled "
                        "ones can also wear it down.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Which question from the interview would be most "
                            "useful to raise at your next project meeting, and why?",
                            "guidance": "Choose one question about purpose, fairness or "
                            "accountability. Rephrase it in the language your colleagues "
                            "use, and note who in the meeting would be best placed to "
                            "answer it.",
                        },
                    ),
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ Module 2
    {
        "number": 2,
        "themes": ["data-and-privacy"],
        "slug": "data-privacy-and-digital-rights",
        "title": "Data, privacy and digital rights",
        "summary": (
            "Municipalities hold sensitive data about nearly every resident, and new "
            "technologies make it easy to collect more. This module examines purpose "
            "limitation, privacy by design and a human rights approach to digital "
            "transformation."
        ),
        "outcomes": [
            "Explain the principles of purpose limitation and data minimisation in a municipal "
            "context.",
            "Describe the main steps of privacy by design.",
            "Relate digital services to human rights such as privacy, non-discrimination and "
            "access to information.",
            "Identify accountability and redress mechanisms for data-driven decisions.",
        ],
        "questions": [
            "Which personal data does your organisation collect that it could do without?",
            "How would a resident who felt wronged by an automated decision find out what "
            "happened and challenge it?",
        ],
        "lessons": [
            {
                "slug": "what-does-a-city-know",
                "title": "What does a city know about its residents?",
                "kind": "video",
                "intro": (
                    "Cities collect data through services, infrastructure and sensors. This "
                    "lecture asks what that data is for, and why the answer matters for trust."
                ),
                "experts": [],
                "media": "m2-video",
                "script": [
                    "Every day, a city collects data through its services, its infrastructure "
                    "and the devices its residents carry.",
                    "Some of that data is needed to deliver services, such as school places, "
                    "waste collection or home care.",
                    "Some of it is collected simply because sensors and platforms make "
                    "collection cheap and easy.",
                    "Data protection law asks a simple question first: what is this data for, "
                    "and is it really necessary?",
                    "Answering that question honestly is the first step towards data "
                    "practices that residents can trust.",
                    "In this module, we treat privacy not as an obstacle to innovation, but "
                    "as part of the rights residents hold.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Municipalities hold some of the most sensitive information that "
                        "exists about people: health and care records, school results, "
                        "welfare payments and, increasingly, data from sensors in public "
                        "space. This lecture introduces the principle of purpose limitation "
                        "and explains why trust depends on being able to say clearly what "
                        "data is for.</p>",
                    ),
                    (
                        "downloads",
                        {
                            "heading": "Reading for this module",
                            "documents": ["data-rights-primer"],
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "Could you explain, in two sentences, why your "
                            "department collects the personal data it holds?",
                            "guidance": "Choose one dataset and write the explanation in "
                            "plain language that a resident would understand. If that proves "
                            "difficult, it may be worth reviewing whether all of the data is "
                            "needed.",
                        },
                    ),
                ],
            },
            {
                "slug": "digital-rights-are-human-rights",
                "title": "Digital rights are human rights",
                "kind": "written",
                "intro": (
                    "Why human rights offer a practical framework for municipal digital "
                    "transformation, and what that framework asks of city officials."
                ),
                "experts": ["amira-haddad"],
                "media": None,
                "script": [],
                "reading_minutes": 4,
                "body": [
                    (
                        "paragraph",
                        "<h2>A framework cities already have</h2>"
                        "<p>When municipalities debate new digital services, the conversation "
                        "often revolves around efficiency, cost and compliance with data "
                        "protection rules. Human rights offer a broader and, in many ways, "
                        "more useful frame. Privacy, freedom of expression, "
                        "non-discrimination, access to information and participation in "
                        "public affairs are already part of the legal order in European "
                        "countries. Digital transformation does not so much create new rights "
                        "as change the ways in which existing rights can be protected or "
                        "undermined.</p>"
                        "<p>In Europe, much of this is anchored in law. The General Data "
                        "Protection Regulation requires personal data to be processed "
                        "lawfully, fairly and transparently, and gives individuals rights to "
                        "access, correct and object. The EU Artificial Intelligence Act, "
                        "adopted in 2024, adds obligations for systems classed as high risk, "
                        "including several kinds used in public services. The Web "
                        "Accessibility Directive requires public sector websites and apps to "
                        "be accessible to people with disabilities. Yet legal compliance is a "
                        "floor, not a ceiling.</p>"
                        "<h2>From compliance to commitment</h2>"
                        "<p>A growing number of cities have committed to going further. The "
                        "Cities Coalition for Digital Rights, launched in 2018, brings "
                        "together municipalities that pledge to protect universal internet "
                        "access, privacy, transparency and participatory democracy in their "
                        "digital policies. UN-Habitat has published guidance for local "
                        "governments on mainstreaming human rights in the digital "
                        "transformation of cities. These initiatives share a simple idea: the "
                        "rights residents enjoy offline should also hold in the systems that "
                        "increasingly mediate their contact with the city.</p>",
                    ),
                    (
                        "interview",
                        {
                            "expert": "amira-haddad",
                            "introduction": "Amira Haddad advises municipalities on digital "
                            "rights. We asked her how rights translate into everyday "
                            "decisions.",
                            "exchanges": [
                                {
                                    "question": "Is a human rights approach not just another "
                                    "layer of bureaucracy?",
                                    "answer": "It can become that if it is treated as a form "
                                    "to fill in. Used properly, it is a way of asking early "
                                    "on who could be harmed by a system and how they could "
                                    "seek redress. That saves money and damage to public "
                                    "trust later.",
                                },
                                {
                                    "question": "Where do municipalities most often go wrong?",
                                    "answer": "They assume that if a system is legal, it is "
                                    "acceptable. A system can comply with data protection law "
                                    "and still treat some groups unfairly, for example when "
                                    "it relies on data that reflects past discrimination. "
                                    "Rights thinking asks about outcomes, not only about "
                                    "procedures.",
                                },
                                {
                                    "question": "What is one thing a city could do tomorrow?",
                                    "answer": "Make sure that every automated or data-driven "
                                    "decision affecting residents has a named person "
                                    "responsible for it and a clear way for residents to "
                                    "complain. Accountability is where rights become real.",
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>For practitioners, a rights-based approach can be built into "
                        "familiar routines. Data protection impact assessments can be widened "
                        "to consider discrimination and accessibility. Procurement documents "
                        "can require suppliers to explain how their systems work and to "
                        "support independent audits. Service design can involve the people "
                        "whose rights are most at risk, such as children, asylum seekers or "
                        "residents who depend on welfare benefits. None of these steps "
                        "requires a new department; they require deliberate attention.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Pick one digital service your municipality offers. "
                            "Which human rights does it touch, and how would a resident who "
                            "felt wronged by it seek redress?",
                            "guidance": "List at least three rights, for example privacy, "
                            "non-discrimination and access to information. Then trace the "
                            "complaint route step by step. Where the route is unclear or "
                            "depends on digital skills, note what could be improved.",
                        },
                    ),
                    (
                        "downloads",
                        {
                            "heading": "Reading for this lesson",
                            "documents": ["data-rights-primer"],
                        },
                    ),
                ],
            },
            {
                "slug": "privacy-by-design",
                "title": "Privacy by design in municipal services",
                "kind": "audio",
                "intro": (
                    "Privacy by design is a legal requirement and a habit of good service "
                    "design. This audio lecture walks through its main steps."
                ),
                "experts": ["amira-haddad"],
                "media": "m2-audio",
                "script": [
                    "Privacy by design means building data protection into a service from the "
                    "first sketch, not adding it at the end.",
                    "It begins with data minimisation: collect only what the service needs, "
                    "and keep it only as long as necessary.",
                    "It continues with clear purposes, so that data gathered for one task is "
                    "not quietly reused for another.",
                    "Impact assessments help teams spot risks early, especially when a system "
                    "profiles people or makes automated decisions.",
                    "Finally, residents should be able to see what is held about them, and to "
                    "challenge decisions that affect them.",
                    "Done well, privacy by design is simply good public service design.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Privacy by design is required by European data protection law, "
                        "but it is also a practical way of building better services. This "
                        "audio lecture, prepared with legal scholar Amira Haddad, outlines the "
                        "main steps, from data minimisation to giving residents meaningful "
                        "ways to see and challenge what is held about them.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "At which stage of your projects is privacy usually "
                            "discussed: at the start, in the middle or just before launch?",
                            "guidance": "Think of the last two projects you were involved in. "
                            "If privacy came up late, consider what would need to change for "
                            "it to be on the agenda of the first project meeting.",
                        },
                    ),
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ Module 3
    {
        "number": 3,
        "themes": ["governance-and-participation"],
        "slug": "governance-and-participation",
        "title": "Governance, participation and participatory budgeting",
        "summary": (
            "Digital tools promise to open local government to more residents, but reaching "
            "more people is not the same as sharing power. This module looks at digital "
            "participation, participatory budgeting and the organisational conditions that "
            "make participation meaningful."
        ),
        "outcomes": [
            "Distinguish between informing residents, consulting them and sharing "
            "decision-making power with them.",
            "Explain how participatory budgeting works and what digital and visualisation "
            "tools add to it.",
            "Evaluate the design choices that make a participation process more or less inclusive.",
        ],
        "questions": [
            "Where in your organisation do residents have real influence, and where are they "
            "only informed?",
            "Which voices are missing from your current participation processes?",
        ],
        "lessons": [
            {
                "slug": "participation-beyond-the-app",
                "title": "Participation beyond the app",
                "kind": "video",
                "intro": (
                    "Apps and online consultations can reach new people, but do they give "
                    "residents more influence? This lecture separates reach from power."
                ),
                "experts": [],
                "media": "m3-video",
                "script": [
                    "Many cities now invite residents to take part through apps, online "
                    "surveys and digital consultation platforms.",
                    "These tools can reach people who never attend a public meeting, and that "
                    "is a real gain.",
                    "But a digital channel does not by itself give residents more influence "
                    "over decisions.",
                    "Participation matters when people can see how their contributions "
                    "changed a plan, a budget or a priority.",
                    "It also matters who is missing, because the loudest online voices rarely "
                    "represent the whole city.",
                    "In this module, we look at how digital and face-to-face participation "
                    "can strengthen each other.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Digital tools have made it easier for residents to give their "
                        "views, but easier participation is not automatically more "
                        "influential participation. This lecture distinguishes between "
                        "reaching more people and sharing power, and argues that digital and "
                        "face-to-face methods work best in combination.</p>",
                    ),
                    (
                        "downloads",
                        {
                            "heading": "Reading for this module",
                            "documents": ["participation-guide"],
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "In your most recent consultation, how did "
                            "participants find out what happened to their contributions?",
                            "guidance": "Look for the feedback step: a report, a meeting or "
                            "a message to participants. If there was none, sketch what a "
                            "short, honest account of the outcome could have looked like.",
                        },
                    ),
                ],
            },
            {
                "slug": "budgets-maps-and-mixed-reality",
                "title": "Budgets, maps and mixed reality",
                "kind": "audio",
                "intro": (
                    "How participatory budgeting works, and how maps and immersive "
                    "visualisation can help residents understand what they are voting on."
                ),
                "experts": ["sofia-lindqvist"],
                "media": "m3-audio",
                "script": [
                    "Participatory budgeting began in Porto Alegre, Brazil, in 1989, and has "
                    "since spread to cities around the world.",
                    "The idea is simple: residents propose, discuss and vote on how part of a "
                    "public budget should be spent.",
                    "Digital tools can widen the circle, with online proposals, interactive "
                    "maps and secure voting.",
                    "Some cities now test participatory budgeting with mixed reality, letting "
                    "residents walk through a proposed park before they vote.",
                    "Seeing a design in place helps people who do not read technical "
                    "drawings to understand a plan.",
                    "Yet technology only helps if the process is fair, transparent and open "
                    "to those with the least power.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Participatory budgeting has travelled from Brazil to cities on "
                        "every continent. This audio lecture explains how a budgeting cycle "
                        "works, how maps and immersive visualisation can help residents "
                        "understand proposals, and why the fairness of the process matters "
                        "more than the sophistication of the technology.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "A visualisation is only participatory if the people who "
                            "will live with the result had a say in what it shows.",
                            "attribution": "Sofia Lindqvist, City of Norrhamn",
                        },
                    ),
                ],
            },
            {
                "slug": "participatory-budgeting-in-practice",
                "title": "Participatory budgeting in practice",
                "kind": "written",
                "intro": (
                    "How participatory budgeting works, what digital tools add, and the "
                    "design choices that decide whether it includes or excludes."
                ),
                "experts": ["sofia-lindqvist"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<h2>What participatory budgeting is</h2>"
                        "<p>Participatory budgeting gives residents a direct say over how a "
                        "defined part of a public budget is spent. It took shape in Porto "
                        "Alegre, Brazil, in 1989, as part of an effort to steer public "
                        "investment towards poorer neighbourhoods, and has since been adopted "
                        "in many forms by cities across the world, including a large number "
                        "in Europe. A typical cycle runs over several months: residents "
                        "submit ideas, officials check them for feasibility and cost, "
                        "shortlisted proposals are discussed, and residents vote. The "
                        "municipality then carries out the winning projects.</p>"
                        "<p>The sums involved are often modest, sometimes well under one per "
                        "cent of the total budget. The value of the process lies less in the "
                        "money than in what it does: it makes budget decisions visible, "
                        "builds relationships between residents and officials, and shows "
                        "people who rarely engage with local government that their proposals "
                        "can count.</p>"
                        "<h2>What digital tools add</h2>"
                        "<p>Online platforms make it easier to submit ideas, comment on "
                        "proposals and vote securely, and they let residents take part at a "
                        "time that suits them. Interactive maps help people place proposals "
                        "in their neighbourhood and see what others have suggested nearby. "
                        "Newer experiments use three-dimensional models and immersive views "
                        "of a site to help residents imagine how a change would look before "
                        "they decide. UN-Habitat, among others, has explored how such tools "
                        "can build social resilience and widen participation in the design "
                        "of public spaces.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "Our online vote doubled the number of participants in a "
                            "single year. What it did not do on its own was change who those "
                            "participants were.",
                            "attribution": "Sofia Lindqvist, City of Norrhamn",
                        },
                    ),
                    (
                        "paragraph",
                        "<h2>Design choices that matter</h2>"
                        "<ul>"
                        "<li><strong>Who can take part:</strong> age limits, residency rules "
                        "and identification requirements can include or exclude young "
                        "people, newcomers and people without electronic identification.</li>"
                        "<li><strong>How ideas are supported:</strong> workshops, translation "
                        "and outreach through schools, libraries and associations help "
                        "residents who are less confident online.</li>"
                        "<li><strong>How the budget is divided:</strong> allocating funds by "
                        "district, or weighting them towards areas with greater needs, "
                        "affects whose priorities win.</li>"
                        "<li><strong>How results are followed up:</strong> publishing the "
                        "status of every winning project builds trust; silent delays "
                        "destroy it.</li>"
                        "</ul>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "If your municipality ran a participatory budget next "
                            "year, which groups would be most likely to take part, and which "
                            "would be most likely to stay away?",
                            "guidance": "Consider age, language, neighbourhood, disability "
                            "and digital skills. For each group you expect to be "
                            "under-represented, name one concrete measure, online or "
                            "offline, that could lower the threshold to take part.",
                        },
                    ),
                ],
            },
            {
                "slug": "in-conversation-sofia-lindqvist",
                "title": "In conversation: participation from the inside",
                "kind": "written",
                "intro": (
                    "Sofia Lindqvist, who leads citizen participation in a Swedish "
                    "municipality, discusses what digital participation has and has not "
                    "changed."
                ),
                "experts": ["sofia-lindqvist"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<p>Participation is often discussed in terms of methods and "
                        "platforms. Those who run participation processes inside a "
                        "municipality know that the harder questions are organisational: "
                        "which departments are willing to let residents influence their "
                        "plans, how feedback is handled once it arrives, and how elected "
                        "politicians relate to the results.</p>"
                        "<p>A classic reference point is Sherry Arnstein's ladder of citizen "
                        "participation, published in 1969, which separates processes that "
                        "merely inform or placate residents from those that share real power "
                        "with them. The ladder remains a useful test for digital tools, which "
                        "can sit on any of its rungs.</p>",
                    ),
                    (
                        "interview",
                        {
                            "expert": "sofia-lindqvist",
                            "introduction": "Sofia Lindqvist has led citizen participation "
                            "in the City of Norrhamn since 2017, including its first "
                            "participatory budget.",
                            "exchanges": [
                                {
                                    "question": "What changed when your municipality moved "
                                    "much of its participation online?",
                                    "answer": "Participation became easier to start and "
                                    "harder to finish. We could launch a survey in a day, "
                                    "but analysing thousands of comments and explaining what "
                                    "we did with them took months. We had to learn to ask "
                                    "fewer, better questions.",
                                },
                                {
                                    "question": "How do you make sure digital participation "
                                    "does not exclude people?",
                                    "answer": "We never run a digital process without an "
                                    "offline route alongside it. Staff visit schools, care "
                                    "homes and language cafés with tablets and paper forms. "
                                    "Those conversations often produce the most valuable "
                                    "proposals, because they come from people who are "
                                    "rarely asked.",
                                },
                                {
                                    "question": "What role should technology suppliers play?",
                                    "answer": "A supporting one. Some platforms come with "
                                    "built-in assumptions about how participation should "
                                    "work. We now design our process first, together with "
                                    "our politicians, and only then choose tools that fit "
                                    "it.",
                                },
                                {
                                    "question": "What advice would you give a colleague who "
                                    "is just starting out?",
                                    "answer": "Be honest about how much influence residents "
                                    "will have. People accept limits if you explain them. "
                                    "What they do not accept is being consulted on something "
                                    "that has already been decided.",
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Lindqvist's point about honesty echoes Arnstein's warning. The "
                        "most damaging participation processes are not those that offer "
                        "limited influence, but those that promise more than they deliver. "
                        "Stating clearly which decisions are open, which are fixed and who "
                        "will make the final call is one of the simplest ways to protect "
                        "trust.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Where on Arnstein's ladder would you place the most "
                            "recent participation process in your organisation?",
                            "guidance": "Consider whether residents were informed, consulted "
                            "or given a share of decision-making power. Then ask whether the "
                            "way the process was presented to residents matched where it "
                            "really sat on the ladder.",
                        },
                    ),
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ Module 4
    {
        "number": 4,
        "themes": ["inclusion"],
        "slug": "digital-inclusion",
        "title": "Digital inclusion and the digital divide",
        "summary": (
            "As public services move online, differences in access, skills, accessibility and "
            "trust can turn into unequal access to rights. This module explores the changing "
            "shape of the digital divide and practical ways to design services that include "
            "everyone."
        ),
        "outcomes": [
            "Describe the layers of the digital divide beyond basic internet access.",
            "Identify groups at risk of digital exclusion in a Nordic or European municipality.",
            "Explain the difference between digital by default and digital only.",
            "Propose measures that combine accessible design, assisted support and "
            "non-digital routes.",
        ],
        "questions": [
            "Who cannot use your organisation's most important digital service without help?",
            "Is there a genuine, visible non-digital alternative for every essential service "
            "you provide?",
        ],
        "lessons": [
            {
                "slug": "who-is-left-offline",
                "title": "Who is left offline?",
                "kind": "video",
                "intro": (
                    "The digital divide has not disappeared in well-connected countries; it "
                    "has changed shape. This lecture explains how."
                ),
                "experts": [],
                "media": "m4-video",
                "script": [
                    "In 2023, roughly one third of the world's population, about 2.6 billion "
                    "people, was still offline.",
                    "Even in the highly connected Nordic countries, the digital divide has not "
                    "disappeared.",
                    "It has changed shape, from a gap in access to gaps in skills, "
                    "confidence, accessibility and trust.",
                    "Older residents, people with disabilities, newcomers and people on low "
                    "incomes are often the most affected.",
                    "When public services move online, these gaps can turn into unequal "
                    "access to rights and support.",
                    "This module asks how cities can make digital services work for everyone, "
                    "including people who cannot use them.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>The digital divide is often imagined as a problem of the past, or "
                        "of other parts of the world. This lecture shows how it persists in "
                        "highly connected societies as differences in skills, accessibility, "
                        "affordability and trust, and why those differences matter when "
                        "public services become digital.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Which groups of residents does your service find "
                            "hardest to reach digitally?",
                            "guidance": "Ask colleagues who work at front desks, in call "
                            "centres or in libraries. They often know more about digital "
                            "exclusion than usage statistics reveal.",
                        },
                    ),
                ],
            },
            {
                "slug": "designing-inclusive-digital-services",
                "title": "Designing inclusive digital services",
                "kind": "written",
                "intro": (
                    "Practical approaches to digital inclusion, from accessible design to "
                    "assisted services and community third places."
                ),
                "experts": ["anna-kask"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<h2>The many faces of the digital divide</h2>"
                        "<p>Early debates about the digital divide focused on access: who "
                        "owned a computer or had an internet connection. In most European "
                        "cities basic access is now widespread, but researchers describe "
                        "further layers of inequality. People differ in skills and "
                        "confidence, in the devices they use, in whether they can afford a "
                        "stable connection, and in the outcomes they achieve online. A "
                        "resident who sends messages on a smartphone every day may still "
                        "struggle with a benefit application that expects documents to be "
                        "scanned and uploaded.</p>"
                        "<p>The groups most affected vary, but they commonly include older "
                        "people, people with disabilities, people with low incomes or low "
                        "literacy, newcomers still learning the local language, and people "
                        "in vulnerable situations such as homelessness. Many people also move "
                        "in and out of digital exclusion during their lives, for instance "
                        "after a bereavement, an illness or the loss of a job. Inclusion is "
                        "therefore not a matter of helping a small, fixed group, but of "
                        "designing systems that cope with ordinary human circumstances.</p>"
                        "<h2>Accessible and understandable by design</h2>"
                        "<p>Accessibility is both a legal duty and a design discipline. Under "
                        "the EU Web Accessibility Directive, public sector websites and apps "
                        "must meet accessibility requirements, and the European "
                        "Accessibility Act extends similar duties to many private services. "
                        "Beyond compliance, plain language, clear navigation and forms that "
                        "can be saved and resumed make services easier for everyone, not only "
                        "for people with recognised needs.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "Digital inclusion is not a project you finish. It is a "
                            "quality that every service either has or lacks.",
                            "attribution": "Anna Kask, Baltic Institute of Digital Society",
                        },
                    ),
                    (
                        "paragraph",
                        "<h2>Help in person, close to home</h2>"
                        "<p>Many cities now pair digital services with assisted support in "
                        "physical places. Libraries, citizen service centres and community "
                        "organisations help residents with devices, accounts and "
                        "applications. Some metropolitan areas have invested in networks of "
                        "connected social centres and third places, where residents can get "
                        "digital help in a familiar setting alongside other activities. Such "
                        "places work best when staff and volunteers are trained, when their "
                        "role is formally recognised, and when they can report the problems "
                        "they observe to the teams that design the services.</p>"
                        "<p>Finally, a genuine non-digital route must remain available for "
                        "essential services. It should not be hidden, deliberately slower or "
                        "treated as a reluctant exception. Keeping it open is a condition for "
                        "digital services to be fair.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Choose a service in your municipality and follow it "
                            "as a resident without a smartphone or electronic "
                            "identification. Where do you get stuck?",
                            "guidance": "Try to complete the main task step by step, or ask "
                            "a colleague who does not know the service to try. Note each "
                            "point where a digital tool is assumed, and who a resident could "
                            "turn to for help at that point.",
                        },
                    ),
                ],
            },
            {
                "slug": "digital-by-default-not-digital-only",
                "title": "Digital by default, not digital only",
                "kind": "audio",
                "intro": (
                    "Digital-first policies can improve services, but only if nobody is "
                    "locked out. This audio lecture looks at assisted and non-digital routes."
                ),
                "experts": [],
                "media": "m4-audio",
                "script": [
                    "Many municipalities have adopted a digital by default policy for their "
                    "services.",
                    "That can save time and money, and many residents prefer to deal with the "
                    "city online.",
                    "The risk is that digital by default quietly becomes digital only.",
                    "A resident who cannot log in should still be able to apply for support, "
                    "book a service or make a complaint.",
                    "Libraries, service centres and community groups can help in person, but "
                    "they need resources and recognition.",
                    "Inclusion is not a final step after launch; it belongs in the design of "
                    "the service from the start.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>A digital-first policy can improve services for many residents, "
                        "provided it does not harden into a digital-only one. This audio "
                        "lecture discusses how assisted digital support and non-digital "
                        "routes keep essential services within reach of everyone.</p>",
                    ),
                    (
                        "downloads",
                        {
                            "heading": "Self-assessment tool",
                            "documents": ["inclusion-self-assessment"],
                        },
                    ),
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ Module 5
    {
        "number": 5,
        "themes": ["mobility", "inclusion"],
        "slug": "mobility-and-the-just-city",
        "title": "Mobility and the just city",
        "summary": (
            "Mobility is where many residents meet smart city technology every day. This "
            "module shifts the focus from traffic flow to access and fairness, and examines "
            "how cities can govern mobility data and private platforms in the public interest."
        ),
        "outcomes": [
            "Explain the difference between measuring traffic flow and measuring access.",
            "Identify journeys and groups that mobility data tends to under-represent.",
            "Discuss conditions cities can set for private mobility platforms, including data "
            "sharing and privacy.",
        ],
        "questions": [
            "Whose journeys are best served by your city's transport investments?",
            "What should a city require in return for letting private operators use public "
            "streets?",
        ],
        "lessons": [
            {
                "slug": "moving-people-not-just-vehicles",
                "title": "Moving people, not just vehicles",
                "kind": "video",
                "intro": (
                    "Smart mobility often means smoother traffic. This lecture argues for "
                    "judging mobility by the access it gives people instead."
                ),
                "experts": [],
                "media": "m5-video",
                "script": [
                    "Mobility is often the first place where residents meet the smart city in "
                    "their daily lives.",
                    "Traffic sensors, journey planners, shared bikes and electric scooters all "
                    "promise smoother and greener travel.",
                    "But optimising traffic flow is not the same as improving access to jobs, "
                    "schools and care.",
                    "A fair mobility system asks who can reach what, at what cost, and in how "
                    "much time.",
                    "Children, older people and shift workers often travel in ways that "
                    "standard data does not capture well.",
                    "In this module, we look at mobility through the lens of access, safety "
                    "and social justice.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Mobility is where many residents first encounter smart city "
                        "technologies. This lecture argues that transport policy should be "
                        "judged by the access it gives people to opportunities and services, "
                        "not only by the speed of traffic.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "How does your city measure whether its transport "
                            "system is working?",
                            "guidance": "List the main indicators used in transport plans or "
                            "reports. Note which of them describe vehicles and which "
                            "describe people's ability to reach destinations.",
                        },
                    ),
                ],
            },
            {
                "slug": "platforms-on-the-pavement",
                "title": "Platforms on the pavement",
                "kind": "audio",
                "intro": (
                    "Shared scooters and ride-hailing arrived in many cities faster than the "
                    "rules. This audio lecture looks at how municipalities can set the terms."
                ),
                "experts": ["mikko-virtanen"],
                "media": "m5-audio",
                "script": [
                    "When scooter and ride-hailing platforms arrive in a city, they often "
                    "arrive faster than the rules.",
                    "Cities then negotiate over pavements, parking, safety and data after the "
                    "fact.",
                    "Several European cities now issue operating permits with conditions, "
                    "such as limits on fleet size and agreed parking zones.",
                    "Data-sharing requirements can help planners, but they should be limited "
                    "to what planning actually needs.",
                    "Trip records can reveal where people live and work, so aggregation and "
                    "strict retention rules matter.",
                    "The street is a shared public resource, and the city has every right to "
                    "set the terms of its use.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Shared scooters, bikes and ride-hailing services have changed the "
                        "streets of many European cities within a few years. This audio "
                        "lecture looks at how municipalities can regulate private mobility "
                        "platforms and negotiate access to data while protecting residents' "
                        "privacy.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "The street was public space long before it became a "
                            "market for mobility platforms.",
                            "attribution": "Mikko Virtanen, Finnish Institute for Municipal "
                            "Studies",
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "What conditions, if any, does your city set for "
                            "private mobility operators that use public space?",
                            "guidance": "Find the permit or agreement that applies, if one "
                            "exists. Check what it says about fleet size, parking, safety "
                            "and data, and whether the data terms protect residents' "
                            "privacy.",
                        },
                    ),
                ],
            },
            {
                "slug": "mobility-data-and-fairness",
                "title": "Mobility data and fairness",
                "kind": "written",
                "intro": (
                    "How mobility data is produced, what it hides, and how cities can use it "
                    "to plan for access rather than for traffic alone."
                ),
                "experts": ["ingrid-halvorsen"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<h2>What mobility data shows, and what it hides</h2>"
                        "<p>Cities now have more mobility data than ever: counts from traffic "
                        "sensors, ticketing records from public transport, trip logs from "
                        "shared bikes and scooters, and location traces from phones. This "
                        "data can reveal where congestion builds up, how people move between "
                        "neighbourhoods and when services are overcrowded. It is a powerful "
                        "planning resource.</p>"
                        "<p>But data reflects the technologies that produced it. Journeys on "
                        "foot, trips by people without smartphones and the complex, "
                        "multi-stop journeys typical of caring responsibilities are often "
                        "under-counted. Research on gender and mobility, for instance, has "
                        "shown that women more often link work, shopping, school runs and "
                        "care in chains of short trips, which networks designed around "
                        "commuting to the centre serve poorly. When planning follows the "
                        "data that is easiest to collect, it may end up serving the journeys "
                        "that were already well served.</p>"
                        "<h2>From flow to access</h2>"
                        "<p>An alternative is to measure access: how many jobs, schools, "
                        "health centres or green spaces a resident can reach within a "
                        "reasonable time and at a reasonable cost, using the means of "
                        "transport actually available to them. Access measures make "
                        "inequalities visible. They can show, for example, that a new "
                        "express bus line saves time for commuters from a well-off suburb "
                        "while a neighbourhood with low car ownership still lacks a direct "
                        "connection to its nearest hospital.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "A traffic model tells you where vehicles go. It does not "
                            "tell you where people would go if they could.",
                            "attribution": "Ingrid Halvorsen, Nordic Centre for Urban Research",
                        },
                    ),
                    (
                        "paragraph",
                        "<h2>Questions for mobility projects</h2>"
                        "<ul>"
                        "<li>Whose journeys are visible in the data we use, and whose are "
                        "missing?</li>"
                        "<li>Does the project improve access for residents with the fewest "
                        "alternatives?</li>"
                        "<li>How are safety and comfort assessed for children, older people "
                        "and people with disabilities?</li>"
                        "<li>Is personal location data aggregated and deleted on a clear "
                        "schedule?</li>"
                        "<li>Who owns the data collected by private mobility operators, and "
                        "on what terms can the city use it?</li>"
                        "</ul>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Which journeys in your city are hardest to make "
                            "without a car, and for whom?",
                            "guidance": "Pick one neighbourhood and one everyday destination, "
                            "such as a health centre or an upper secondary school. Estimate "
                            "the journey time by public transport, by bicycle and on foot at "
                            "different times of day, and consider who makes this trip and "
                            "what the result means for them.",
                        },
                    ),
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ Module 6
    {
        "number": 6,
        "themes": ["environment-and-energy"],
        "slug": "environment-and-energy",
        "title": "Environment, energy and the footprint of technology",
        "summary": (
            "Smart technologies are often presented as tools for climate action, but they "
            "also carry social and material costs. This module considers residents' role in "
            "the energy transition, energy justice, and the environmental footprint of "
            "digital infrastructure itself."
        ),
        "outcomes": [
            "Explain why information and technology alone rarely change energy use.",
            "Describe ways of involving residents as participants and co-owners in the "
            "energy transition.",
            "Identify the material and energy footprint of digital infrastructure, including "
            "rebound effects.",
            "Assess whether a proposed digital solution is needed at all.",
        ],
        "questions": [
            "Who is expected to change behaviour to meet your city's climate goals, and who "
            "has the means to do so?",
            "When did your organisation last decide against a digital solution for "
            "environmental reasons?",
        ],
        "lessons": [
            {
                "slug": "smart-energy-shared-responsibility",
                "title": "Smart energy, shared responsibility",
                "kind": "video",
                "intro": (
                    "Smart meters and building sensors can cut waste, but the energy "
                    "transition also depends on people and on fairness."
                ),
                "experts": ["lars-mikkelsen"],
                "media": "m6-video",
                "script": [
                    "Cities account for a large share of the world's energy use and "
                    "greenhouse gas emissions.",
                    "Smart meters, district heating controls and building sensors can help "
                    "cut waste and balance demand.",
                    "But technology alone rarely changes how people heat their homes or "
                    "travel to work.",
                    "The most lasting gains come when residents understand the systems and "
                    "have a real say in them.",
                    "Energy poverty also matters: a cheaper, cleaner system should not leave "
                    "low-income households behind.",
                    "This module explores how smart energy can serve both climate goals and "
                    "social fairness.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Smart energy systems promise lower emissions and lower bills, but "
                        "their success depends on people as much as on devices. This "
                        "lecture, prepared with energy researcher Lars Mikkelsen, introduces "
                        "the social side of the urban energy transition, including energy "
                        "poverty and the question of who pays and who benefits.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Who in your city benefits most from current "
                            "energy-efficiency programmes?",
                            "guidance": "Look at who has received grants or advice in recent "
                            "years: homeowners or tenants, wealthier or poorer "
                            "neighbourhoods. Consider whether the pattern matches the places "
                            "where energy costs weigh most heavily.",
                        },
                    ),
                ],
            },
            {
                "slug": "residents-in-the-energy-transition",
                "title": "Residents in the energy transition",
                "kind": "written",
                "intro": (
                    "Why the urban energy transition depends on residents as much as on "
                    "technology, and how smart tools can support shared responsibility."
                ),
                "experts": ["lars-mikkelsen"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<h2>Beyond the technical fix</h2>"
                        "<p>Urban energy systems are being transformed by renewable "
                        "generation, the electrification of heating and transport, and "
                        "digital control. In Nordic cities, district heating networks are "
                        "increasingly supplied by heat pumps, waste heat and bioenergy, and "
                        "smart meters give households and utilities detailed information "
                        "about consumption. Technically, many of the tools needed for a "
                        "low-carbon city already exist.</p>"
                        "<p>Yet research on household energy use repeatedly finds that "
                        "information on its own changes behaviour only modestly. People do "
                        "not use energy in the abstract; they cook, wash, heat their homes "
                        "and travel, within limits set by their housing, income and "
                        "routines. Feedback from a smart meter works better when it comes "
                        "with practical support, fair tariffs and the means to act, such as "
                        "insulation, shared solar installations or better public "
                        "transport.</p>"
                        "<h2>Participation and ownership</h2>"
                        "<p>Some cities have made residents active participants in their "
                        "sustainability strategies rather than targets of behaviour-change "
                        "campaigns. They involve citizens in setting goals, design local "
                        "solutions together with housing companies and neighbourhood groups, "
                        "and support energy communities in which residents jointly own and "
                        "manage renewable installations. Digital platforms can help "
                        "coordinate such efforts and reward energy saving, as several "
                        "European projects have tested, but their success depends on the "
                        "trust and local relationships around them.</p>"
                        "<p>Energy justice runs through all of this. Households on low "
                        "incomes often live in the least efficient homes and have the least "
                        "room to invest, so the way support is designed decides whether the "
                        "transition narrows or widens existing inequalities.</p>",
                    ),
                    (
                        "interview",
                        {
                            "expert": "lars-mikkelsen",
                            "introduction": "Lars Mikkelsen studies how Danish and Swedish "
                            "cities involve residents in energy planning.",
                            "exchanges": [
                                {
                                    "question": "What is the biggest misconception about "
                                    "smart energy in cities?",
                                    "answer": "That the hard part is the technology. "
                                    "Installing smart meters is comparatively easy. Getting "
                                    "landlords, tenants, utilities and the municipality to "
                                    "agree on who pays for a renovation and who gets the "
                                    "savings is far harder.",
                                },
                                {
                                    "question": "Where does social justice come into energy "
                                    "policy?",
                                    "answer": "If subsidies go mainly to homeowners who can "
                                    "already afford heat pumps or solar panels, public money "
                                    "ends up widening inequality. Fairness has to be designed "
                                    "in from the start, for example by targeting rented "
                                    "housing and neighbourhoods with high energy costs.",
                                },
                                {
                                    "question": "What can digital tools do well?",
                                    "answer": "They can make invisible flows visible, help "
                                    "match supply and demand, and let people see the effect "
                                    "of collective action. A neighbourhood display showing "
                                    "the output of a shared solar roof can be a real source "
                                    "of pride, as long as residents actually own a part "
                                    "of it.",
                                },
                            ],
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "In your municipality, who is expected to change "
                            "behaviour to meet climate targets, and who has the means to do "
                            "so?",
                            "guidance": "Compare the measures aimed at households with those "
                            "aimed at businesses and at the municipality itself. Note where "
                            "support, such as advice, grants or shared infrastructure, "
                            "matches the expectations placed on residents, and where it "
                            "does not.",
                        },
                    ),
                ],
            },
            {
                "slug": "hidden-footprint-of-digital-infrastructure",
                "title": "The hidden footprint of digital infrastructure",
                "kind": "audio",
                "intro": (
                    "Every sensor, server and screen has a material cost. This audio lecture "
                    "asks when digital solutions really help the environment."
                ),
                "experts": ["lars-mikkelsen"],
                "media": "m6-audio",
                "script": [
                    "Digital solutions are often presented as weightless, but every sensor, "
                    "server and screen has a material footprint.",
                    "Devices need metals and energy to make, electricity to run, and careful "
                    "handling when they are discarded.",
                    "Data centres can use large amounts of power and water, though some "
                    "Nordic cities now reuse their waste heat.",
                    "There is also a rebound effect, where efficiency gains encourage more "
                    "consumption and cancel out the savings.",
                    "A sustainable smart city first asks whether a digital solution is needed "
                    "at all, and only then which one to buy.",
                    "Sometimes the greenest option is to repair, to reuse, or simply to do less.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Digital technology has an environmental cost that is easy to "
                        "overlook. This audio lecture covers the material footprint of "
                        "devices and data centres, the rebound effect, and why asking whether "
                        "a digital solution is needed at all is a legitimate part of "
                        "sustainable planning.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "The most sustainable sensor is sometimes the one you "
                            "decide not to install.",
                            "attribution": "Lars Mikkelsen, Danish Centre for Sustainable Cities",
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "When did your organisation last weigh the "
                            "environmental cost of a digital project against its benefits?",
                            "guidance": "Think about the lifetime of the equipment, the "
                            "energy it uses and what happens to it afterwards. Consider "
                            "whether a simpler or non-digital option could have met the "
                            "same need.",
                        },
                    ),
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ Module 7
    {
        "number": 7,
        "themes": ["economy", "data-and-privacy"],
        "slug": "ethics-in-the-digital-value-chain",
        "title": "Ethics in the digital value chain",
        "summary": (
            "Every digital service rests on a chain of production that stretches from mines "
            "to data centres. This module explores the ethical questions along that chain, "
            "the use of algorithms in public decisions, and procurement as a lever for "
            "responsible technology."
        ),
        "outcomes": [
            "Describe the main links in the digital value chain and the ethical issues at each.",
            "Explain how algorithmic systems can reproduce bias and how transparency "
            "measures respond to this.",
            "Apply ethical criteria to the procurement of digital equipment and services.",
        ],
        "questions": [
            "Which links of the digital value chain does your organisation currently take "
            "responsibility for?",
            "Who is accountable when an algorithm used by your municipality makes a mistake?",
            "What would you need in order to ask suppliers tougher questions?",
        ],
        "lessons": [
            {
                "slug": "from-mine-to-app",
                "title": "From mine to app: the digital value chain",
                "kind": "video",
                "intro": (
                    "Behind every municipal app lies a long chain of production. This lecture "
                    "introduces the digital value chain and the city's place in it."
                ),
                "experts": [],
                "media": "m7-video",
                "script": [
                    "The digital value chain runs from the mines that supply minerals to the "
                    "apps residents use every day.",
                    "Along the way, it passes through factories, data centres and software "
                    "companies, and finally reaches municipal services.",
                    "Ethical questions arise at every link, from working conditions to data "
                    "use and electronic waste.",
                    "A city cannot control the whole chain, but it is a significant buyer, "
                    "and buyers have influence.",
                    "Asking suppliers clear questions, and rewarding good answers, can shift "
                    "practices over time.",
                    "This module looks at how municipalities can take responsibility for the "
                    "technology they buy and use.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Behind every digital service lies a long chain of production, from "
                        "mineral extraction and manufacturing to software development and "
                        "data processing. This lecture introduces the idea of the digital "
                        "value chain and the responsibilities that come with being a public "
                        "buyer.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "How much does your organisation know about where its "
                            "digital equipment comes from?",
                            "guidance": "Pick one type of device your organisation buys in "
                            "large numbers, such as laptops or tablets. Find out whether the "
                            "contract says anything about working conditions, repair or "
                            "take-back at the end of its life.",
                        },
                    ),
                ],
            },
            {
                "slug": "automated-decisions-human-accountability",
                "title": "Automated decisions, human accountability",
                "kind": "audio",
                "intro": (
                    "Algorithms increasingly shape public decisions. This audio lecture looks "
                    "at bias, algorithm registers and who remains answerable."
                ),
                "experts": ["anna-kask"],
                "media": "m7-audio",
                "script": [
                    "Municipalities increasingly use algorithms to sort applications, detect "
                    "errors and predict where services will be needed.",
                    "These systems can save time, but they can also repeat old biases on a "
                    "larger scale.",
                    "An algorithm trained on past decisions learns their patterns, including "
                    "the unfair ones.",
                    "Some cities, such as Amsterdam and Helsinki, publish registers that "
                    "describe the algorithms they use.",
                    "Openness of this kind lets residents, journalists and researchers ask "
                    "questions before harm is done.",
                    "Above all, someone in the organisation must remain answerable for every "
                    "decision a system helps to make.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Automated and data-driven decision systems are spreading in "
                        "public administration. This audio lecture, prepared with Anna Kask, "
                        "discusses how algorithms can reproduce bias, how public registers of "
                        "algorithms make their use more transparent, and why human "
                        "accountability must never be handed over to a system.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "You can delegate a calculation to a machine. You cannot "
                            "delegate responsibility.",
                            "attribution": "Anna Kask, Baltic Institute of Digital Society",
                        },
                    ),
                ],
            },
            {
                "slug": "ethical-procurement",
                "title": "Ethical procurement of digital technology",
                "kind": "written",
                "intro": (
                    "Public procurement is one of the strongest tools a city has to shape the "
                    "ethics of the technology it uses. This lesson explains how to use it."
                ),
                "experts": ["anna-kask"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<h2>The city as a buyer</h2>"
                        "<p>Public procurement accounts for a substantial share of economic "
                        "activity in Europe, and municipalities are major buyers of digital "
                        "equipment, software and services. Every contract sets terms that "
                        "travel back along the value chain: how devices are produced, how "
                        "long they last, how data is handled, and whether the city can change "
                        "supplier later. Procurement is therefore not only an administrative "
                        "procedure but one of the most concrete ways in which a city puts its "
                        "values into practice.</p>"
                        "<p>EU procurement rules allow contracting authorities to include "
                        "environmental, social and labour-related criteria, provided they are "
                        "linked to the subject of the contract and applied transparently. "
                        "Many municipalities already use such criteria when buying "
                        "construction work or food. Applying them consistently to digital "
                        "technology is a newer and less settled practice.</p>"
                        "<h2>Links in the chain</h2>"
                        "<ul>"
                        "<li><strong>Raw materials and manufacturing:</strong> electronics "
                        "depend on minerals such as cobalt, tin, tantalum and gold, some of "
                        "which are associated with hazardous mining and armed conflict. "
                        "Independent monitoring organisations can help public buyers follow "
                        "up working conditions in factories.</li>"
                        "<li><strong>Software and data:</strong> contracts should state who "
                        "owns the data, where it is stored, how it may be used and how the "
                        "city can retrieve it in a usable format.</li>"
                        "<li><strong>Algorithms:</strong> suppliers of automated decision "
                        "systems should explain how their systems work, how they are tested "
                        "for bias and how they can be audited.</li>"
                        "<li><strong>End of life:</strong> requirements for repairability, "
                        "software updates and take-back schemes extend the life of devices "
                        "and reduce electronic waste.</li>"
                        "</ul>",
                    ),
                    (
                        "interview",
                        {
                            "expert": "anna-kask",
                            "introduction": "Anna Kask researches how public organisations "
                            "govern algorithms and digital infrastructure.",
                            "exchanges": [
                                {
                                    "question": "Can a single municipality really influence "
                                    "global technology companies?",
                                    "answer": "Alone, rarely. But municipalities buy together "
                                    "more often than people think, through joint procurement "
                                    "and shared frameworks. And even a single contract can "
                                    "set a precedent that suppliers then offer elsewhere.",
                                },
                                {
                                    "question": "What should officials ask suppliers of "
                                    "algorithmic systems?",
                                    "answer": "What data the system was trained on, how its "
                                    "performance differs between groups, what happens when it "
                                    "is wrong, and whether the city can inspect it "
                                    "independently. If a supplier cannot answer those "
                                    "questions in plain language, that is itself an answer.",
                                },
                                {
                                    "question": "Is there a risk of asking for too much and "
                                    "receiving no bids?",
                                    "answer": "Yes, which is why dialogue with the market "
                                    "before a tender is so useful. Tell suppliers early what "
                                    "you will require. Requirements that seem demanding "
                                    "today often become standard a few years later.",
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Ethical procurement does not demand perfection from the first "
                        "tender. A realistic approach is to start with a few requirements "
                        "that the market can meet, follow them up properly, and raise the "
                        "level step by step. Sharing requirements and results with other "
                        "municipalities multiplies their effect.</p>",
                    ),
                    (
                        "reflection",
                        {
                            "question": "Look at a recent digital procurement in your "
                            "organisation. Which ethical requirements did it include, and "
                            "which links of the value chain did they cover?",
                            "guidance": "Map the contract against the four links described "
                            "above. Identify one requirement that could realistically be "
                            "added next time, and who in your organisation would need to "
                            "agree to it.",
                        },
                    ),
                    (
                        "downloads",
                        {
                            "heading": "Tools for procurement teams",
                            "documents": ["procurement-checklist"],
                        },
                    ),
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ Module 8
    {
        "number": 8,
        "themes": ["economy", "governance-and-participation"],
        "slug": "open-cooperation-and-the-urban-economy",
        "title": "Open cooperation and the urban economy",
        "summary": (
            "Smart cities are also markets, and the terms of those markets shape who "
            "benefits. This final module looks at vendor lock-in, public data as a public "
            "asset, open standards and cooperation between cities, before drawing together "
            "the threads of the course."
        ),
        "outcomes": [
            "Explain vendor lock-in and how open standards and open source software reduce it.",
            "Discuss how data generated by public services can remain a public asset.",
            "Identify forms of cooperation between cities that strengthen municipal capacity.",
            "Formulate guiding questions to carry into future smart city work.",
        ],
        "questions": [
            "How dependent is your municipality on a small number of technology suppliers?",
            "What could your organisation share with other cities, and what could it learn "
            "from them?",
        ],
        "lessons": [
            {
                "slug": "cities-learning-from-cities",
                "title": "Cities learning from cities",
                "kind": "video",
                "intro": (
                    "No city has to invent its digital future alone. This lecture looks at "
                    "networks, open standards and shared software."
                ),
                "experts": ["mikko-virtanen"],
                "media": "m8-video",
                "script": [
                    "No city has to invent its digital future alone.",
                    "Through networks and partnerships, municipalities share code, standards, "
                    "procurement documents and hard lessons.",
                    "Open standards make it easier to switch suppliers, combine systems and "
                    "avoid being locked into a single vendor.",
                    "Open source software paid for with public money can be reused by other "
                    "cities, rather than bought again.",
                    "Cooperation also gives smaller municipalities a stronger voice when they "
                    "negotiate with large technology companies.",
                    "In this final module, we consider how openness and cooperation can keep "
                    "public value in public hands.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>Cities face many of the same digital challenges, and none can "
                        "afford to solve them all alone. This lecture looks at how networks, "
                        "open standards and shared software help municipalities learn from "
                        "each other and strengthen their position in the market.</p>",
                    ),
                    (
                        "downloads",
                        {
                            "heading": "Reference",
                            "documents": ["glossary"],
                        },
                    ),
                ],
            },
            {
                "slug": "who-benefits-from-the-smart-city-economy",
                "title": "Who benefits from the smart city economy?",
                "kind": "written",
                "intro": (
                    "Smart cities are also markets. This lesson looks at vendor lock-in, "
                    "public data and digital commons, and at how cooperation between cities "
                    "changes the balance of power."
                ),
                "experts": ["mikko-virtanen"],
                "media": None,
                "script": [],
                "reading_minutes": 3,
                "body": [
                    (
                        "paragraph",
                        "<h2>A growing market</h2>"
                        "<p>The smart city is a large and growing market for technology "
                        "companies, from global platform firms to local start-ups. For "
                        "municipalities this market brings expertise and innovation, but "
                        "also dependencies. Once a city has built its services around a "
                        "proprietary platform, switching becomes expensive: data may be "
                        "stored in closed formats, staff trained on particular tools, and "
                        "integrations built that only the original supplier fully "
                        "understands. This is known as vendor lock-in, and it weakens the "
                        "city's position in every later negotiation.</p>"
                        "<p>There is also the question of where value ends up. Data generated "
                        "by residents and public infrastructure can be highly valuable. If "
                        "contracts allow suppliers to reuse that data freely, the city may in "
                        "effect give away a public asset. Some cities now insist that data "
                        "collected while delivering public services stays under public "
                        "control and, where privacy allows, is published openly for others to "
                        "use.</p>"
                        "<h2>Openness and cooperation</h2>"
                        "<p>Open standards, open interfaces and open source software reduce "
                        "lock-in by making it easier to combine systems and change suppliers. "
                        "Networks of cities have agreed on shared technical specifications so "
                        "that data and services work across municipal borders, which also "
                        "opens the market to smaller firms. The principle often summarised "
                        "as public money, public code holds that software developed for "
                        "public administrations should be released under free and open "
                        "licences, so that others can reuse and improve it.</p>"
                        "<p>Cooperation goes beyond technology. Municipalities that share "
                        "procurement documents, evaluations and failures save each other time "
                        "and money. Cities with long experience of digital government, such "
                        "as Tallinn, have made a point of sharing what they have learned, and "
                        "smaller municipalities can pool their purchasing power through joint "
                        "tenders.</p>",
                    ),
                    (
                        "interview",
                        {
                            "expert": "mikko-virtanen",
                            "introduction": "Mikko Virtanen studies the economics of "
                            "municipal digitalisation, including procurement, platforms and "
                            "local innovation.",
                            "exchanges": [
                                {
                                    "question": "Is open source always cheaper for cities?",
                                    "answer": "Not automatically. Open source software still "
                                    "needs skilled people to maintain, secure and develop it. "
                                    "The gain is control: you can choose who supports the "
                                    "software, and you are not forced to accept price rises "
                                    "or changes you did not ask for.",
                                },
                                {
                                    "question": "How can cities support the local economy "
                                    "without breaking procurement rules?",
                                    "answer": "By designing tenders that smaller firms can "
                                    "realistically bid for, for example by dividing contracts "
                                    "into lots and requiring open standards. Local companies "
                                    "then compete on quality, and the city builds a stronger "
                                    "supplier base for the future.",
                                },
                                {
                                    "question": "What is the most underrated form of "
                                    "cooperation between cities?",
                                    "answer": "Sharing what did not work. Every city has "
                                    "pilots that quietly ended. If those lessons were "
                                    "published, other municipalities could avoid repeating "
                                    "the same expensive mistakes.",
                                },
                            ],
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "If your municipality wanted to replace the supplier "
                            "of its most important digital platform, what would stand in the "
                            "way?",
                            "guidance": "Consider contracts, data formats, staff skills and "
                            "integrations with other systems. For each obstacle, note "
                            "whether it could have been avoided at the time of procurement, "
                            "and what you would require differently next time.",
                        },
                    ),
                ],
            },
            {
                "slug": "bringing-it-back-to-your-desk",
                "title": "Bringing it back to your desk",
                "kind": "audio",
                "intro": (
                    "A closing audio lecture that draws the course together around three "
                    "questions to carry into everyday work."
                ),
                "experts": [],
                "media": "m8-audio",
                "script": [
                    "Over eight modules, we have looked at smart cities through the eyes of "
                    "social scientists and practitioners.",
                    "A recurring lesson is that technology choices are also political choices "
                    "about priorities and power.",
                    "Another is that residents are not only users of services, but citizens "
                    "with rights and knowledge to contribute.",
                    "You do not need to answer every big question before your next project "
                    "meeting.",
                    "But you can ask who benefits, who is missing, and who will be accountable.",
                    "Asked early and often, those three questions are a practical start "
                    "towards a fairer smart city.",
                ],
                "reading_minutes": None,
                "body": [
                    (
                        "paragraph",
                        "<p>This closing audio lecture draws together the main threads of the "
                        "course and offers three simple questions to carry into everyday "
                        "work: who benefits, who is missing, and who is accountable.</p>"
                        "<p>Thank you for taking part. The readings for all modules remain "
                        "available below, and you are welcome to return to any lesson at any "
                        "time.</p>",
                    ),
                    (
                        "downloads",
                        {
                            "heading": "All course readings",
                            "documents": [
                                "people-centred-charter",
                                "data-rights-primer",
                                "participation-guide",
                                "inclusion-self-assessment",
                                "procurement-checklist",
                                "glossary",
                            ],
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": "Which idea from this course will you try to apply "
                            "first, and with whom?",
                            "guidance": "Choose one concrete situation in the coming month, "
                            "such as a meeting, a tender or a consultation. Decide which of "
                            "the three closing questions you will raise, and who you will "
                            "ask to help you answer it.",
                        },
                    ),
                ],
            },
        ],
    },
]
