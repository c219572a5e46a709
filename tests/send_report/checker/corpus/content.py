"""The words of the corpus's SEND Information Reports: one section per checklist item, with
headings in three styles and bodies in two (plain English, and the formal wording that
follows Schedule 1 of the SEND Regulations 2014).

Written for these tests. Each body is about its own item only, so a report that leaves a
section out really does not cover that item.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    question: str
    noun: str
    statutory: str
    plain: str
    formal: str


SECTIONS: dict[str, Section] = {
    "S1-01": Section(
        "What kinds of special educational needs do you provide for?",
        "Types of need",
        "The kinds of special educational needs for which provision is made at the school",
        "We welcome children with all kinds of need. This includes communication and "
        "interaction needs such as autism, and cognition and learning needs such as dyslexia. "
        "We also support social, emotional and mental health needs, and sensory and physical "
        "needs such as hearing impairment.",
        "Provision is made for pupils across the four broad areas of need set out in the Code "
        "of Practice: communication and interaction; cognition and learning; social, emotional "
        "and mental health difficulties; and sensory and/or physical needs.",
    ),
    "S1-02": Section(
        "How do you know if my child needs extra help?",
        "Identification and assessment",
        "Policies for identifying children and young people with special educational needs "
        "and assessing their needs",
        "Teachers check how every child is doing each term. If a parent or teacher is worried "
        "they can raise a concern with the SENCO. We use screening tools and, when needed, a "
        "specialist assessment. We always talk to you before a child is identified as having SEN.",
        "The school's arrangements for the early identification of pupils with special "
        "educational needs include termly attainment checks, standardised assessments and "
        "observation. Where a concern is raised, the SENCO arranges further assessment.",
    ),
    "S1-03a": Section(
        "How do you check that the support is working?",
        "Evaluating our provision",
        "Arrangements for assessing and reviewing the effectiveness of the provision made "
        "for pupils with special educational needs",
        "We look at the impact of every support plan. Each year we evaluate all of our support "
        "using a provision map. Governors ask us how effective it has been.",
        "The effectiveness of provision is evaluated annually. The SENCO monitors the impact "
        "of interventions through the provision map and quality assurance activities such as "
        "learning walks.",
    ),
    "S1-03b": Section(
        "How will you check my child's progress?",
        "Reviewing progress",
        "Arrangements for assessing and reviewing the progress of pupils with special "
        "educational needs",
        "We use a cycle of assess, plan, do, review. Your child has targets that we look at "
        "together. We hold review meetings with you three times a year.",
        "Progress is reviewed termly through the graduated approach of assess, plan, do, "
        "review. Outcomes are agreed and pupils with an education, health and care plan have "
        "an annual review.",
    ),
    "S1-03c": Section(
        "How will my child be taught?",
        "Teaching",
        "The approach to teaching pupils with special educational needs",
        "Every child gets high quality teaching first. Teachers use adaptive teaching and "
        "scaffold tasks into small steps. Some words are pre-taught before a lesson.",
        "The school's approach to teaching is founded on quality first teaching. Teachers "
        "differentiate tasks and use modelling and scaffolding to secure access to learning.",
    ),
    "S1-03d": Section(
        "How will the curriculum and classroom be changed for my child?",
        "Adapting the curriculum",
        "How the school adapts the curriculum and learning environment for pupils with "
        "special educational needs",
        "We adapt the curriculum so every child can take part. Classrooms have visual "
        "timetables and word mats, and there is a quiet space for children who need a break.",
        "The curriculum is adapted where required and reasonable adjustments are made to the "
        "learning environment, including seating plans, coloured overlays and sensory breaks.",
    ),
    "S1-03e": Section(
        "What extra support is there?",
        "Interventions",
        "Additional support for learning that is available to pupils with special "
        "educational needs",
        "Some children get extra support in small groups. Others have short one-to-one "
        "sessions. Our reading and number interventions run each morning.",
        "Additional support includes targeted small group interventions, precision teaching "
        "and time-limited booster programmes delivered by trained staff.",
    ),
    "S1-03f": Section(
        "Can my child join in trips and clubs?",
        "Clubs and trips",
        "How pupils with special educational needs are enabled to engage in activities "
        "available with pupils who do not have special educational needs",
        "All children can join our after-school clubs and school trips. We write a risk "
        "assessment with you if it helps. Sports day is planned so everyone takes part.",
        "Pupils with SEN are enabled to take part in all activities, including extra-curricular "
        "clubs, educational visits and residential trips, with a risk assessment where needed.",
    ),
    "S1-03g": Section(
        "How do you look after my child's wellbeing?",
        "Wellbeing",
        "Support that is available for improving the emotional, mental and social "
        "development of pupils with special educational needs",
        "We care about wellbeing. Our ELSA helps children with their feelings, and we run a "
        "nurture group at lunchtime. We do not accept bullying.",
        "Pastoral support for emotional and social development includes an emotional literacy "
        "support assistant, nurture provision and a designated mental health lead.",
    ),
    "S1-05": Section(
        "What training do your staff have?",
        "Staff expertise",
        "The expertise and training of staff in relation to children and young people with "
        "special educational needs",
        "Our SENCO holds the national award for SEN co-ordination. All staff have training in "
        "autism and speech and language needs, and we ask specialist teachers for advice.",
        "Staff undertake regular professional development. The SENCO holds the NASENCO "
        "qualification and teaching assistants are trained in specific interventions.",
    ),
    "S1-06": Section(
        "What equipment and facilities do you have?",
        "Equipment and facilities",
        "How equipment and facilities to support children and young people with special "
        "educational needs will be secured",
        "We buy specialist equipment when a child needs it, such as writing slopes or ear "
        "defenders. We use our SEN funding and can ask the council for high needs funding.",
        "Specialist equipment and facilities are secured through the notional SEN budget and, "
        "where required, high needs funding from the local authority.",
    ),
    "S1-07": Section(
        "How will you involve me as a parent?",
        "Working with parents",
        "Arrangements for consulting parents of children with special educational needs "
        "about, and involving such parents in, the education of their child",
        "We work in partnership with parents. We meet with parents at least three times a "
        "year, and you can talk to us at parents' evenings or by booking a meeting.",
        "Parents are consulted at each stage of the graduated approach and are involved in "
        "setting and reviewing outcomes through termly meetings and parents' evenings.",
    ),
    "S1-08": Section(
        "How will my child have a say?",
        "Pupil voice",
        "Arrangements for consulting young people with special educational needs about, and "
        "involving them in, their education",
        "Children help to write their one-page profile. They talk about their own targets "
        "and we listen to their views at every review.",
        "Pupil voice is central to our practice. Pupils contribute to their plans through "
        "one-page profiles and are involved in setting their own targets.",
    ),
    "S1-09": Section(
        "What if I am unhappy with the support?",
        "Complaints",
        "Arrangements made by the governing body relating to the treatment of complaints "
        "from parents of pupils with special educational needs concerning the provision made "
        "at the school",
        "If you are unhappy, talk to the class teacher or the SENCO first. If that does not "
        "help, you can make a complaint to the headteacher and then the governing body. You "
        "can also ask for mediation.",
        "Complaints concerning SEN provision are dealt with under the school's complaints "
        "procedure. Parents may also access disagreement resolution and mediation services "
        "and may appeal to the tribunal.",
    ),
    "S1-10": Section(
        "Who else helps my child?",
        "Other agencies",
        "How the governing body involves other bodies, including health and social services "
        "bodies, local authority support services and voluntary organisations",
        "We work with other professionals. These include the educational psychologist, speech "
        "and language therapists, the school nurse and CAMHS.",
        "The school engages with external agencies including educational psychology, "
        "occupational therapy, social care and voluntary organisations.",
    ),
    "S1-11": Section(
        "Who can I get advice from?",
        "Support for families",
        "The contact details of support services for the parents of pupils with special "
        "educational needs, including those for arrangements made in accordance with section "
        "32 of the Children and Families Act 2014",
        "SENDIAS gives free, impartial information, advice and support to parents. Call them "
        "on 01823 355578 or email sendias@council.example.",
        "The local Special Educational Needs and Disabilities Information, Advice and Support "
        "Service (SENDIASS) provides impartial advice: telephone 01823 355578.",
    ),
    "S1-12": Section(
        "How will you help my child move on?",
        "Transition",
        "The school's arrangements for supporting pupils with special educational needs in "
        "transferring between phases of education and in preparing for adulthood",
        "We plan each move carefully. Children visit their new class, and in Year 6 we share "
        "information with the secondary school and arrange extra transition visits.",
        "Transition arrangements include enhanced visits, transfer of records and planning "
        "meetings with the receiving setting, and preparation for adulthood from Year 9.",
    ),
    "D-01": Section(
        "Can disabled children get a place here?",
        "Admissions",
        "The arrangements for the admission of disabled pupils",
        "Our admission arrangements are the same for disabled pupils as for everyone else. We "
        "will not refuse a place because of a disability.",
        "Disabled pupils are admitted under the same admission arrangements as all other "
        "applicants, in line with the local authority's admissions policy.",
    ),
    "D-02": Section(
        "How do you make sure disabled children are treated fairly?",
        "Equality",
        "The steps taken to prevent disabled pupils from being treated less favourably than "
        "other pupils",
        "We make reasonable adjustments so that disabled pupils are not treated less "
        "favourably. We follow the Equality Act 2010.",
        "The school fulfils its duties under the Equality Act 2010 and makes reasonable "
        "adjustments to ensure disabled pupils are not treated less favourably.",
    ),
    "D-03": Section(
        "Is the building accessible?",
        "Access",
        "The facilities provided to assist access to the school by disabled pupils",
        "There is level access to every classroom, an accessible toilet and a ramp at the "
        "main entrance.",
        "Facilities include step-free access, a disabled toilet with a hygiene room, and "
        "handrails throughout.",
    ),
    "LAC-01": Section(
        "How do you support children in care?",
        "Looked after children",
        "Supporting looked after and previously looked after children with SEN",
        "Our designated teacher works with the SENCO for looked after children. Each child's "
        "personal education plan is reviewed with the virtual school.",
        "The designated teacher for looked after and previously looked after children liaises "
        "with the SENCO and the virtual school headteacher.",
    ),
}

WORD_ITEMS = tuple(SECTIONS)
