"""Story grouping and its traps (issue 10, item 2), on short articles we wrote ourselves
about invented places: a passing mention is not the topic; an outlet and a date in common
are not evidence; a developing story stays one storyline as its figures and words move,
while another event of the same kind stays apart."""

from __future__ import annotations

from claimdiff.cluster import group
from claimdiff.model import Article

FLOOD = [
    ("Harbor Post", "2025-03-10", "Floods sweep through Lorvik after the Tessel river bursts its banks",
     "LORVIK — The Tessel river burst its banks before dawn on Monday and flooded the old town of Lorvik, "
     "killing at least 12 people, the regional fire service said. Rescue boats pulled residents from "
     "rooftops in the Marren district, where water stood two metres deep. Mayor Elsa Brandt said 3,000 "
     "people had spent the night in the Lorvik sports hall and schools. The Tessel rose 4.1 metres in six "
     "hours after three days of rain over the Kaldar hills, the weather office said."),
    ("Northline Wire", "2025-03-10", "Tessel flood kills 12 in Lorvik",
     "At least 12 people died when the Tessel flooded Lorvik on Monday, according to the fire service. "
     "Firefighters in boats searched the Marren district for people trapped in cellars and cars. Elsa "
     "Brandt, the mayor of Lorvik, opened schools and the sports hall to 3,000 people who fled the water. "
     "Forecasters said rain over the Kaldar hills had swollen the river for three days."),
    ("Valley Courier", "2025-03-11", "Lorvik counts the cost as Tessel waters recede",
     "The death toll from the Lorvik flood rose to 15 on Tuesday as the Tessel began to fall, the fire "
     "service said. In the Marren district residents shovelled mud from shops and homes. Mayor Elsa Brandt "
     "said the town would need months to repair its bridges, and asked the government for emergency funds. "
     "Volunteers handed out food and water at the Lorvik sports hall."),
]

MATCH_REPORT = ("Harbor Post", "2025-03-11", "Caldwell Rovers edge Dunmore City in a five-goal thriller",
                "Caldwell Rovers beat Dunmore City 3-2 at Ashgrove Park on Tuesday night to move second in the "
                "league. Tomas Ferreira scored twice in the first half, both from crosses by the winger Ian Okafor, "
                "before Dunmore hit back through Marcus Hale and a penalty from Lee Grant. Substitute Ryan Doyle "
                "headed the winner in the 88th minute. Manager Paul Kerr praised his defence for holding out "
                "through seven minutes of added time, and said Ferreira was the best striker in the division. "
                "Dunmore have now lost three away games in a row. Before kick-off both teams stood for a minute "
                "of silence for the victims of the Lorvik flood. Caldwell play Ashford Town at home on Saturday, "
                "when Okafor returns from a hamstring injury and Kerr hopes to field an unchanged side.")


def _article(outlet: str, day: str, title: str, text: str) -> Article:
    return Article(source=f"{outlet}:{title[:20]}", outlet=outlet, published=day, title=title, text=text)


def _stories(items: list[tuple[str, str, str, str]]) -> list[str]:
    return [d.story_id for d in group([_article(*item) for item in items], date_order=False)]


def test_reports_of_one_flood_form_one_story() -> None:
    assert len(set(_stories(FLOOD))) == 1


def test_a_passing_mention_is_not_the_topic() -> None:
    """A match report that names the flood in one line stays out of the flood story."""
    stories = _stories([*FLOOD, MATCH_REPORT])
    assert len(set(stories[:3])) == 1
    assert stories[3] != stories[0]


PORT_STRIKE = [
    ("Northline Wire", "2025-06-02", "Dock workers strike at the port of Essendal",
     "Dock workers at the port of Essendal walked out on Monday over pay, leaving container ships waiting "
     "at anchor, the Essendal dockers' union said. Union leader Mara Vinter said 4,000 members would stay "
     "out until the port authority raised wages by 9 percent. Cranes stood idle at the Essendal container "
     "terminal, and freight trains were cancelled. The port authority said talks would resume on Wednesday."),
    ("Coastal Times", "2025-06-02", "Essendal port at a standstill as dockers walk out",
     "Container ships queued outside Essendal on Monday as 4,000 dock workers began a strike over pay. "
     "Mara Vinter of the dockers' union said wages had fallen behind prices for three years. The Essendal "
     "port authority called the 9 percent demand unaffordable but agreed to talks on Wednesday. Hauliers "
     "said freight bound for inland warehouses was stuck on the quays."),
]

SHIPPING_RESULTS = ("Northline Wire", "2025-06-02", "Kestrel Lines profit jumps on higher freight rates",
                    "Kestrel Lines, the container shipping group, said on Monday its quarterly profit rose 38 "
                    "percent to 610 million crowns as freight rates climbed on Asian routes. Chief executive "
                    "Jonas Ekberg said the company had ordered six new container ships and expected demand to "
                    "stay firm through the autumn. Kestrel shares gained 5 percent in Halden trading. Analysts "
                    "at Brunmark Bank said fuel costs and port fees remained the main risks for the shipping "
                    "group, which carries a fifth of the cargo between Halden and the Far East.")


def test_an_outlet_and_a_day_in_common_are_not_evidence() -> None:
    """A business story from the same wire and day, sharing words like container, ships,
    port and freight, stays out of the strike story."""
    stories = _stories([*PORT_STRIKE, SHIPPING_RESULTS])
    assert stories[0] == stories[1]
    assert stories[2] != stories[0]


QUAKE_DAYS = [
    ("2025-09-01", "Earthquake kills at least 40 in Varna province",
     "A magnitude 6.8 earthquake struck Varna province early on Monday, killing at least 40 people and "
     "collapsing houses in the mountain town of Sorel, the emergency ministry said. Rescuers dug through "
     "rubble in Sorel and nearby villages. Governor Ivo Lazar said roads to the epicentre were blocked by "
     "landslides."),
    ("2025-09-02", "Varna quake death toll rises to 120 as rescuers search rubble",
     "The death toll from the Varna earthquake rose to 120 on Tuesday, the emergency ministry said, as "
     "rescue teams searched collapsed buildings in Sorel. Governor Ivo Lazar said 600 people were injured "
     "and thousands slept outside in fear of aftershocks."),
    ("2025-09-04", "Aftershocks rattle Sorel as Varna earthquake toll reaches 310",
     "Strong aftershocks shook Sorel on Thursday as the toll from Monday's earthquake in Varna province "
     "reached 310, the emergency ministry said. Tents and field kitchens went up in the town square, and "
     "Governor Ivo Lazar appealed for blankets and water."),
    ("2025-09-07", "Aid convoys reach Sorel a week after the Varna earthquake",
     "Aid convoys reached Sorel on Sunday after engineers cleared the landslides that had cut the town off "
     "since the earthquake, the emergency ministry said. The toll stands at 455. Governor Ivo Lazar said "
     "2,000 families had lost their homes in Varna province."),
    ("2025-09-11", "Sorel survivors face winter in tents after Varna quake",
     "Ten days after the earthquake in Varna province, survivors in Sorel said they feared a winter in "
     "tents. The emergency ministry put the toll at 470. Governor Ivo Lazar promised prefabricated homes "
     "before the first snow and said engineers had inspected 5,000 damaged buildings."),
    ("2025-09-15", "Varna begins rebuilding Sorel two weeks after the earthquake",
     "Two weeks after the earthquake that killed 472 people in Varna province, bulldozers began clearing "
     "rubble in Sorel for new homes. Governor Ivo Lazar said reconstruction would cost 900 million and "
     "that the first prefabricated homes for survivors had arrived from the emergency ministry."),
]

QUAKE_OUTLOOK = ("2025-09-12", "Seismologists warn of more strong earthquakes along the Orlen fault",
                 "Seismologists at the Halden Institute said on Friday that the Orlen fault, which runs along "
                 "the southern coast far from Varna, has a one in five chance of a magnitude 7 earthquake in "
                 "the next decade. Professor Anna Reyes said coastal cities such as Porto Vell should check "
                 "their buildings, since most were built before the 1990 building code. The institute's "
                 "annual outlook also lists landslide risks in the northern valleys.")


def test_a_developing_story_stays_one_storyline_while_another_quake_stays_apart() -> None:
    """Two weeks of reports, toll and vocabulary moving daily, end in one storyline; an
    outlook on another fault's risk, published in the middle, joins neither."""
    outlets = ("Harbor Post", "Northline Wire", "Valley Courier")
    items = [(outlets[i % 3], day, title, text) for i, (day, title, text) in enumerate(QUAKE_DAYS)]
    decisions = group([_article(*item) for item in [*items, ("Harbor Post", *QUAKE_OUTLOOK)]], date_order=False)
    quake, outlook = decisions[:-1], decisions[-1]
    assert len({d.storyline_id for d in quake}) == 1
    assert outlook.storyline_id != quake[0].storyline_id
    assert outlook.story_id not in {d.story_id for d in quake}
