#!/usr/bin/env python3
"""Synthetic news corpus for claimdiff benchmarks.

    python bench/corpus.py --n 300 --seed 7 --out /tmp/bench.jsonl

writes ``n`` articles as JSONL records with the fields ``id``, ``title``, ``outlet``,
``published`` (ISO date), ``url``, ``author`` and ``text``. The same ``(n, seed)`` always
gives byte-identical output. ``generate(n, seed)`` yields the same records for import.

Everything is built from templates and word lists written for this file: fictional
countries, cities, outlets and people. Roughly ``n / 4`` stories are generated; each is
covered by 2–6 outlets over a few days, and the outlets drift the way real coverage does:
the same figure with another qualifier or an older value, another time scope or statement
day, a body instead of a named speaker, a hedge added or dropped, "and" vs "or", another
object for the same amount, claims that only one outlet carries, and now and then a
near-verbatim syndicated copy of a wire story. Articles carry filler background and
boilerplate (photo captions, "Read more"/"Related" lines, outreach lines, run-together tag
lines, newsletter prompts, author bios) and are 300–900 words long.

Record ``id`` is ``bench-<seed>-s<story>-<k>``, so articles of one story share the
``bench-<seed>-s<story>`` prefix.
"""


import argparse
import datetime as dt
import json
import math
import random
import re
import sys
from dataclasses import dataclass, field
from typing import Iterator

__all__ = ["generate", "main", "MIN_WORDS", "MAX_WORDS"]

MIN_WORDS = 300
MAX_WORDS = 900

# --------------------------------------------------------------------------- word lists

# (name, kind); kind drives datelines and syndication.
OUTLETS = [
    ("Meridian Wire", "wire"), ("Continental Press Service", "wire"),
    ("Global Dispatch Agency", "wire"), ("Eastern News Service", "wire"),
    ("Northstar Newswire", "wire"),
    ("Riverside Chronicle", "paper"), ("Lakeshore Tribune", "paper"),
    ("Harborview Sentinel", "paper"), ("Prairie Observer", "paper"),
    ("Coastal Herald", "paper"), ("Summit Daily", "paper"), ("Hillcrest Times", "paper"),
    ("Ironbridge Post", "paper"), ("Bayfront Journal", "paper"),
    ("Westfield Examiner", "paper"), ("Old Mill Record", "paper"),
    ("Northgate Gazette", "paper"), ("Pinewood Star", "paper"),
    ("Redcliff Bulletin", "paper"), ("Silverlake Monitor", "paper"),
    ("Eastport Standard", "paper"), ("Marlow Evening News", "paper"),
    ("Kingsbury Review", "paper"), ("Clearwater Ledger", "paper"),
    ("Stonebridge Times", "paper"), ("Fernhill Courier", "paper"),
    ("Channel Nine Metro", "broadcast"), ("Radio Seaboard", "broadcast"),
    ("Northline TV News", "broadcast"), ("Valley Public Radio Network", "broadcast"),
    ("The Briefing Room", "online"), ("Daybreak Digest", "online"),
    ("Signal Point", "online"), ("PolicyDesk", "online"), ("Ledgerline", "online"),
    ("Newsfront Online", "online"), ("The Open Desk", "online"),
    ("Insight Brief", "online"), ("Crossroads Report", "online"),
    ("World Affairs Daily", "online"),
]

PHOTO_AGENCIES = ["Reuters", "AFP", "AP", "Getty Images", "EPA", "Anadolu", "Bloomberg"]

FIRST = [
    ("Maria", "f"), ("Daniel", "m"), ("Aisha", "f"), ("Tomas", "m"), ("Priya", "f"),
    ("Kenji", "m"), ("Elena", "f"), ("Samuel", "m"), ("Noor", "f"), ("Lucas", "m"),
    ("Ingrid", "f"), ("Omar", "m"), ("Grace", "f"), ("Mateo", "m"), ("Hana", "f"),
    ("Viktor", "m"), ("Chloe", "f"), ("Kwame", "m"), ("Sofia", "f"), ("Rafael", "m"),
    ("Leila", "f"), ("Anders", "m"), ("Mei", "f"), ("Jonas", "m"), ("Amara", "f"),
    ("Felix", "m"), ("Yara", "f"), ("Dmitri", "m"), ("Clara", "f"), ("Idris", "m"),
    ("Beatriz", "f"), ("Hugo", "m"), ("Nadia", "f"), ("Oskar", "m"), ("Rosa", "f"),
    ("Tariq", "m"), ("Lena", "f"), ("Marcus", "m"), ("Zainab", "f"), ("Pavel", "m"),
]
LAST = [
    "Okafor", "Lindqvist", "Haddad", "Moreau", "Kowalski", "Tanaka", "Mensah", "Varga",
    "Silva", "Novak", "Rahman", "Berg", "Castillo", "Dubois", "Osei", "Petrov", "Ibrahim",
    "Keller", "Nakamura", "Ferreira", "Holm", "Adeyemi", "Brennan", "Costa", "Dahl",
    "Eriksen", "Farouk", "Gallo", "Horvat", "Iqbal", "Jansen", "Kaur", "Larsen", "Marsh",
    "Nilsen", "Ortiz", "Pereira", "Quinn", "Rossi", "Sato", "Thorne", "Umar", "Vance",
    "Whitlock", "Yilmaz", "Zeller", "Abara", "Bianchi", "Chen", "Duarte", "Ekwueme",
    "Fontaine", "Grady", "Halloran", "Ivanova", "Jovanovic", "Kim", "Lopez", "Mwangi",
    "Navarro",
]

COUNTRIES = [
    ("Valdoria", "Valdorian"), ("Estmark", "Estmarkian"), ("Norvania", "Norvanian"),
    ("Karesh", "Kareshi"), ("Sorvia", "Sorvian"), ("Almara", "Almaran"),
    ("Tessine", "Tessinian"), ("Brannock", "Brannockian"), ("Ostreland", "Ostrelandic"),
    ("Calderra", "Calderran"), ("Merovia", "Merovian"), ("Quilland", "Quillandish"),
    ("Lusarna", "Lusarnan"), ("Dravenia", "Dravenian"), ("Corvand", "Corvandi"),
]
CITY_A = ["Ash", "Bright", "Cold", "Elm", "Fair", "Glen", "High", "Iron", "King", "Lark",
          "Mill", "North", "Oak", "Red", "Salt", "Stone", "West", "Wolf", "Amber", "Dun"]
CITY_B = ["ford", "haven", "bridge", "field", "port", "mouth", "wick", "ton", "stead",
          "moor", "dale", "bury", "gate", "holm"]
RIVERS = ["Vell", "Aron", "Tamsin", "Orla", "Brisk", "Kessel", "Marra", "Dorne", "Silt"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
            "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UNITS_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
               "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
               "sixteen", "seventeen", "eighteen", "nineteen"]
TENS_WORDS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
              "ninety"]

QUALIFIERS = {
    "approx": ["about", "around", "roughly", "approximately", "some", "an estimated"],
    "more_than": ["more than", "over", "upwards of", "in excess of"],
    "at_least": ["at least", "no fewer than"],
    "up_to": ["up to", "as many as"],
    "nearly": ["nearly", "almost", "close to", "just under"],
    "less_than": ["fewer than", "under"],
    "exact": [""],
}
HEDGE_VERBS = ["estimated", "believes", "suggested", "indicated"]
AUDIENCES = ["reporters", "lawmakers", "a parliamentary committee", "state television",
             "a news conference", "a regional radio station", "foreign journalists"]
MEDIUMS = ["report", "fact sheet", "statement", "briefing note", "bulletin"]

# --------------------------------------------------------------------------- topics
# A fact: (unit, lo, hi, objects, plain template, hedged template, scope kind).
# Units: count, usd, pct, km, tonnes, hectares. Templates use {Q} (qualified amount),
# {O} (object), {T} (time scope, with leading space or empty). Dual facts add {Q2}, {O2}
# and {C} (and/or) and give (lo2, hi2) after the scope kind.

TOPICS = {
    "flood": dict(
        noun="the floods", event=["the river burst its banks", "the storm made landfall",
                                  "the rains began"],
        orgs=[("Interior Minister", "{adj} Interior Ministry", "the ministry"),
              ("Mayor", "{city} City Council", "the council"),
              ("director", "{adj} Emergency Services Agency", "the agency"),
              ("chief hydrologist", "{adj} Water Authority", "the authority")],
        facts=[
            ("count", 2000, 90000, ["people", "residents"],
             "{Q} {O} had been evacuated{T}", "{Q} {O} may have been evacuated{T}", "cum"),
            ("count", 400, 25000, ["homes", "houses", "buildings"],
             "{Q} {O} were damaged{T}", "{Q} {O} were likely damaged{T}", "cum"),
            ("count", 3, 80, ["people", "residents"],
             "{Q} {O} had died{T}", "{Q} {O} are believed to have died{T}", "recent"),
            ("usd", 5e6, 4e8, ["in emergency aid", "for reconstruction", "in relief funding"],
             "the government would release {Q} {O}", "the government could release {Q} {O}",
             None),
            ("km", 20, 600, ["of roads", "of rail track"],
             "{Q} {O} had been washed away{T}", "{Q} {O} may have been washed away{T}",
             "cum"),
            ("count", 500, 40000, ["people", "evacuees"],
             "{Q} {O} were staying in shelters {C} {Q2} with relatives",
             "{Q} {O} could be staying in shelters {C} {Q2} with relatives", None,
             (1000, 60000)),
        ],
        headlines=["{Qh} evacuated as floods hit {city}", "Floodwaters rise across {country}",
                   "{country} floods: {Qh} forced from homes", "Rivers keep rising in {city}"],
        context=["as floodwaters continued to rise across the {river} valley",
                 "as more rain was forecast for the weekend",
                 "as rescue boats worked through submerged streets in {city}"],
        color=["~The water came up faster than anyone expected.",
               "We are asking people not to return until the engineers have checked the bridges.",
               "Every available crew is out there tonight."],
        denials=["{org} denied that the dam gates had been opened without warning",
                 "{org} rejected claims that evacuation orders were issued too late"],
        background=["The {river} valley has flooded several times in the past two decades.",
                    "Engineers have warned for years that levees along the {river} were ageing.",
                    "Insurers said it was too early to estimate total losses."],
        tags=["Floods", "Weather", "ClimateCrisis", "Emergencies"],
        captions=["Residents wade through a flooded street in {city}.",
                  "A rescue boat crosses a submerged square in {city}."],
    ),
    "shipments": dict(
        noun="the arms transfers", event=["the summit", "the defence pact was signed",
                                         "the leaders met"],
        orgs=[("Defence Minister", "{adj} Defence Ministry", "the ministry"),
              ("intelligence chief", "{adj} National Intelligence Service", "the service"),
              ("Foreign Minister", "{adj} Foreign Ministry", "the foreign ministry"),
              ("military spokesperson", "{adj} Joint Chiefs of Staff", "the joint chiefs")],
        facts=[
            ("count", 1500, 9000, ["containers", "shipping containers"],
             "{Q} {O} had been sent{T}", "{Q} {O} had likely been sent{T}", "cum"),
            ("count", 1e6, 4e6, ["artillery shells", "152mm shells"],
             "the containers could hold {Q} {O} {C} {Q2} 122mm rockets",
             "the containers may have held {Q} {O} {C} {Q2} 122mm rockets", None,
             (2e5, 8e5)),
            ("pct", 20, 95, ["of capacity"],
             "some arms factories were running at {Q} {O}{T}",
             "some arms factories appeared to be running at {Q} {O}{T}", "cum"),
            ("tonnes", 100, 9000, ["of food", "of grain", "of fuel"],
             "{Q} {O} had been delivered in return{T}",
             "{Q} {O} were believed to have been delivered in return{T}", "cum"),
            ("count", 5, 40, ["separate shipments", "rail shipments"],
             "the cargo was moved in {Q} {O}{T}", "the cargo was probably moved in {Q} {O}{T}",
             "cum"),
            ("count", 10, 300, ["launchers", "missiles"],
             "{Q} {O} had been supplied{T}", "{Q} {O} could have been supplied{T}", "cum"),
        ],
        headlines=["{Qh} sent since {event_short}, {country} says",
                   "{country} tracks arms flow across border",
                   "Factories run at full tilt to feed arms deliveries, {adj} officials say"],
        context=["in the clearest account yet of the transfers",
                 "as diplomats met to discuss new sanctions",
                 "in an assessment shared with allied governments"],
        color=["We are watching every port and every rail crossing.",
               "These numbers tell us the factories are running around the clock.",
               "The pattern is clear, even if the exact totals are not."],
        denials=["{org} denied that any weapons had been shipped",
                 "{org} dismissed the report as fabricated"],
        background=["The two governments signed a defence cooperation agreement last year.",
                    "Satellite images have shown increased traffic at a border rail depot.",
                    "Independent analysts said the figures could not be verified."],
        tags=["Defence", "Sanctions", "ArmsTrade", "Security"],
        captions=["Freight wagons stand at a border rail depot.",
                  "The defence minister speaks at a briefing in the capital."],
    ),
    "port": dict(
        noun="the port closure", event=["the channel was blocked", "the strike began",
                                       "the crane collapsed"],
        orgs=[("port director", "{city} Port Authority", "the port authority"),
              ("Transport Minister", "{adj} Transport Ministry", "the ministry"),
              ("chief economist", "{adj} Chamber of Commerce", "the chamber"),
              ("harbour master", "{city} Harbour Office", "the harbour office")],
        facts=[
            ("count", 12, 140, ["vessels", "cargo ships", "container ships"],
             "{Q} {O} were waiting to enter the port{T}",
             "{Q} {O} could be waiting to enter the port{T}", "recent"),
            ("usd", 2e7, 3e8, ["in trade", "in cargo value", "in economic activity"],
             "the closure was costing {Q} {O} a day", "the closure could be costing {Q} {O} a day",
             None),
            ("count", 2000, 20000, ["jobs", "dock jobs"],
             "{Q} {O} were directly tied to the port", "{Q} {O} may depend directly on the port",
             None),
            ("tonnes", 1e6, 6e7, ["of cargo", "of foreign cargo"],
             "the port handled {Q} {O}{T}", "the port likely handled {Q} {O}{T}", "cum"),
            ("pct", 5, 60, ["of the country's container traffic", "of national imports"],
             "the port accounts for {Q} {O}", "the port may account for {Q} {O}", None),
            ("count", 50, 900, ["containers", "empty containers"],
             "{Q} {O} had been moved by rail {C} {Q2} by road{T}",
             "{Q} {O} could be moved by rail {C} {Q2} by road{T}", "recent", (50, 900)),
        ],
        headlines=["{Qh} stuck as {city} port stays shut", "Shippers reroute as {city} port closes",
                   "{city} port closure ripples through supply chains"],
        context=["as shipping lines diverted vessels to other terminals",
                 "as salvage crews worked to clear the channel",
                 "as truckers waited outside the terminal gates"],
        color=["If the port is closed, we are all closed.",
               "~Nobody can tell us when the ships will come back.",
               "We have the berth space and we have told the lines that."],
        denials=["{org} denied that safety inspections had been skipped",
                 "{org} rejected reports that the channel would reopen this week"],
        background=["The port has expanded its container terminal twice in the past decade.",
                    "Shipping lines said they would review schedules daily.",
                    "Dockworkers' unions have asked for temporary wage support."],
        tags=["Shipping", "Ports", "SupplyChain", "Trade"],
        captions=["Container ships wait at anchor outside {city}.",
                  "Cranes stand idle at the {city} container terminal."],
    ),
    "wildfire": dict(
        noun="the wildfires", event=["the fire broke out", "the heatwave began",
                                     "the evacuation order was issued"],
        orgs=[("fire chief", "{adj} Fire Service", "the fire service"),
              ("Environment Minister", "{adj} Environment Ministry", "the ministry"),
              ("Governor", "{region} Regional Government", "the regional government"),
              ("forestry director", "{adj} Forestry Agency", "the agency")],
        facts=[
            ("hectares", 2000, 180000, ["of forest", "of land", "of farmland"],
             "{Q} {O} had burned{T}", "{Q} {O} may have burned{T}", "cum"),
            ("count", 20, 3000, ["homes", "buildings"],
             "{Q} {O} had been destroyed{T}", "{Q} {O} were likely destroyed{T}", "cum"),
            ("count", 200, 6000, ["firefighters", "personnel"],
             "{Q} {O} were battling the blaze", "{Q} {O} could be deployed", None),
            ("count", 1000, 60000, ["people", "residents"],
             "{Q} {O} had been told to leave{T}", "{Q} {O} might be told to leave{T}", "recent"),
            ("usd", 1e7, 9e8, ["in damage", "in insured losses"],
             "the fires had caused {Q} {O}", "the fires could cause {Q} {O}", None),
            ("count", 5, 60, ["water-bombing aircraft", "helicopters"],
             "{Q} {O} {C} {Q2} bulldozers were being used",
             "{Q} {O} {C} {Q2} bulldozers could be sent",
             None, (10, 80)),
        ],
        headlines=["Wildfire burns {Qh} near {city}", "{country} fights fires on several fronts",
                   "Thousands flee as fire nears {city}"],
        context=["as dry winds fanned the flames", "as temperatures topped 40 degrees",
                 "as crews cut firebreaks around {city}"],
        color=["~The wind changed direction twice in an hour.",
               "~We lost the barn, but everyone got out.",
               "Our crews have been working double shifts since the weekend."],
        denials=["{org} denied that firefighting budgets had been cut",
                 "{org} rejected claims that the blaze was started by a power line"],
        background=["Summers in the region have grown hotter and drier in recent decades.",
                    "The area around {city} is heavily forested and sparsely populated.",
                    "Investigators have not yet determined what caused the fire."],
        tags=["Wildfires", "Heatwave", "Climate", "Emergencies"],
        captions=["Smoke rises over hills near {city}.",
                  "Firefighters work along a road outside {city}."],
    ),
    "economy": dict(
        noun="the economic data", event=["the central bank's last meeting",
                                         "the budget was passed", "the pandemic"],
        orgs=[("Finance Minister", "{adj} Finance Ministry", "the ministry"),
              ("statistics chief", "{adj} Statistics Office", "the statistics office"),
              ("Governor", "{adj} Central Bank", "the central bank"),
              ("chief economist", "{adj} Employers' Federation", "the federation")],
        facts=[
            ("pct", 3.0, 12.0, ["unemployment", "the jobless rate"],
             "{O} stood at {Q}{T}", "{O} was likely to reach {Q}{T}", "asof"),
            ("count", 5000, 400000, ["jobs", "new jobs"],
             "the economy added {Q} {O}{T}", "the economy may have added {Q} {O}{T}", "cum"),
            ("pct", 0.2, 6.0, ["growth", "economic growth"],
             "{O} reached {Q}{T}", "{O} could reach {Q}{T}", "cum"),
            ("pct", 1.5, 14.0, ["inflation", "consumer price inflation"],
             "{O} eased to {Q}{T}", "{O} was expected to ease to {Q}{T}", "asof"),
            ("usd", 5e8, 6e10, ["in new spending", "for infrastructure", "in tax relief"],
             "the government would commit {Q} {O}", "the government could commit {Q} {O}", None),
            ("count", 1e5, 3e6, ["households", "families"],
             "{Q} {O} {C} {Q2} small firms would qualify for support",
             "{Q} {O} {C} {Q2} small firms might qualify for support", None, (1e4, 5e5)),
        ],
        headlines=["{country} jobless rate at {Qh}", "{adj} economy adds jobs as inflation cools",
                   "{country} unveils spending plan"],
        context=["in figures published ahead of the central bank's next meeting",
                 "as the government prepared its spring budget",
                 "as households continued to face high prices"],
        color=["The labour market is cooling, not collapsing.",
               "We expect the next quarter to be more difficult.",
               "~Families will feel this in their pockets before the end of the year."],
        denials=["{org} denied that the figures had been revised for political reasons",
                 "{org} rejected suggestions that a recession was under way"],
        background=["Economists have been divided over how quickly prices will fall.",
                    "The central bank raised interest rates several times last year.",
                    "Exports have been weighed down by weaker demand abroad."],
        tags=["Economy", "Jobs", "Inflation", "Markets"],
        captions=["Shoppers at a market in {city}.",
                  "The finance minister arrives for a cabinet meeting."],
    ),
    "rail": dict(
        noun="the rail strike", event=["the strike began", "talks broke down",
                                       "the walkout was announced"],
        orgs=[("Transport Minister", "{adj} Transport Ministry", "the ministry"),
              ("union leader", "{adj} Rail Workers' Union", "the union"),
              ("chief executive", "{adj} National Railways", "the rail operator"),
              ("spokesperson", "{adj} Passengers' Association", "the association")],
        facts=[
            ("count", 300, 9000, ["trains", "services"],
             "{Q} {O} had been cancelled{T}", "{Q} {O} could be cancelled{T}", "recent"),
            ("count", 1e5, 5e6, ["passengers", "commuters"],
             "{Q} {O} had been affected{T}", "{Q} {O} were likely affected{T}", "recent"),
            ("usd", 1e6, 2e8, ["in lost revenue", "in losses"],
             "the strike had cost {Q} {O}{T}", "the strike may have cost {Q} {O}{T}", "cum"),
            ("pct", 10, 70, ["of services", "of scheduled trains"],
             "only {Q} {O} were running{T}", "only {Q} {O} might run{T}", "recent"),
            ("pct", 3, 15, ["pay rise", "wage increase"],
             "the union was seeking a {O} of {Q}", "the union could accept a {O} of {Q}", None),
            ("count", 2000, 40000, ["workers", "union members"],
             "{Q} {O} had walked out {C} {Q2} had joined picket lines",
             "{Q} {O} may have walked out {C} {Q2} may have joined picket lines", None,
             (500, 20000)),
        ],
        headlines=["{Qh} cancelled as rail strike grips {country}",
                   "Commuters stranded in {city} as rail workers walk out",
                   "{country} rail strike enters second week"],
        context=["as talks between the union and management stalled",
                 "as commuters crowded onto buses in {city}",
                 "as the government urged both sides to return to talks"],
        color=["Our members did not take this decision lightly.",
               "~I have been waiting two hours for a bus.",
               "The offer on the table is fair and it remains on the table."],
        denials=["{org} denied that replacement staff had been hired",
                 "{org} rejected reports that a deal had been reached"],
        background=["The rail network was partly privatised in the 1990s.",
                    "Rail workers last held a national strike more than a decade ago.",
                    "Bus operators added extra services on the busiest routes."],
        tags=["Strikes", "Rail", "Transport", "Labour"],
        captions=["Commuters wait on an empty platform in {city}.",
                  "Striking workers gather outside the central station in {city}."],
    ),
    "harvest": dict(
        noun="the drought", event=["the dry spell began", "the last rains",
                                   "the planting season"],
        orgs=[("Agriculture Minister", "{adj} Agriculture Ministry", "the ministry"),
              ("president", "{adj} Farmers' Union", "the farmers' union"),
              ("director", "{adj} Grain Board", "the grain board"),
              ("chief forecaster", "{adj} Meteorological Office", "the met office")],
        facts=[
            ("tonnes", 2e6, 4e7, ["of wheat", "of grain", "of cereals"],
             "the harvest would reach {Q} {O}", "the harvest could reach {Q} {O}", None),
            ("pct", 5, 45, ["drop in yields", "fall in output"],
             "farms faced a {O} of {Q}{T}", "farms could face a {O} of {Q}{T}", "cum"),
            ("count", 5000, 200000, ["farmers", "farming households"],
             "{Q} {O} would receive aid", "{Q} {O} might receive aid", None),
            ("usd", 1e7, 2e9, ["in drought relief", "in compensation", "for irrigation"],
             "the government had set aside {Q} {O}", "the government could set aside {Q} {O}",
             None),
            ("pct", 8, 60, ["of capacity"],
             "reservoirs were at {Q} {O}{T}", "reservoirs were probably at {Q} {O}{T}", "asof"),
            ("tonnes", 1e5, 3e6, ["of wheat"],
             "the country would import {Q} {O} {C} {Q2} of maize",
             "the country might import {Q} {O} {C} {Q2} of maize", None, (5e4, 2e6)),
        ],
        headlines=["Drought to cut {country} harvest", "{country} farmers brace for poor harvest",
                   "Reservoirs at {Qh} as drought deepens"],
        context=["as the dry spell entered its fourth month",
                 "as farmers in the {river} valley began selling livestock",
                 "as bread prices rose in {city}"],
        color=["~I have never seen the river this low.",
               "~We planted on time and the rain simply never came.",
               "Relief has to reach farms before the winter."],
        denials=["{org} denied that grain exports would be banned",
                 "{org} rejected claims that aid was being distributed unfairly"],
        background=["Agriculture employs a large share of the workforce in rural areas.",
                    "The last severe drought hit the country more than a decade ago.",
                    "Forecasters said there was little sign of rain in the coming weeks."],
        tags=["Drought", "Agriculture", "FoodSecurity", "Climate"],
        captions=["A farmer inspects a dry field outside {city}.",
                  "The cracked bed of a reservoir near {city}."],
    ),
    "spill": dict(
        noun="the oil spill", event=["the tanker ran aground", "the pipeline ruptured",
                                     "the leak was detected"],
        orgs=[("Environment Minister", "{adj} Environment Ministry", "the ministry"),
              ("coast guard commander", "{adj} Coast Guard", "the coast guard"),
              ("spokesperson", "{adj} Maritime Safety Agency", "the agency"),
              ("director", "{city} Wildlife Trust", "the trust")],
        facts=[
            ("tonnes", 50, 20000, ["of oil", "of crude", "of fuel oil"],
             "{Q} {O} had leaked{T}", "{Q} {O} may have leaked{T}", "cum"),
            ("km", 5, 400, ["of coastline", "of beaches"],
             "{Q} {O} had been polluted{T}", "{Q} {O} could be polluted{T}", "cum"),
            ("count", 100, 5000, ["workers", "volunteers"],
             "{Q} {O} were cleaning the shore", "{Q} {O} could be needed to clean the shore",
             None),
            ("usd", 5e6, 9e8, ["in cleanup costs", "in damages"],
             "the operator would pay {Q} {O}", "the operator could be liable for {Q} {O}", None),
            ("count", 50, 4000, ["seabirds", "birds"],
             "{Q} {O} had been found covered in oil{T}",
             "{Q} {O} were likely covered in oil{T}", "cum"),
            ("count", 3, 30, ["skimmer vessels", "boats"],
             "{Q} {O} {C} {Q2} aircraft had been deployed",
             "{Q} {O} {C} {Q2} aircraft could be deployed", None, (1, 12)),
        ],
        headlines=["Oil spill spreads along {country} coast",
                   "{Qh} leaked as tanker breaks up off {city}",
                   "Cleanup begins on beaches near {city}"],
        context=["as slicks reached beaches north of {city}",
                 "as fishermen were ordered to stay in port",
                 "as divers inspected the damaged hull"],
        color=["~The smell reached the town before the oil did.",
               "We are doing everything we can to contain it.",
               "These beaches will take years to recover."],
        denials=["{org} denied that the tanker had ignored warnings",
                 "{org} rejected claims that the leak had been reported late"],
        background=["The coastline is a breeding ground for several protected species.",
                    "Fishing and tourism are the main sources of income along the coast.",
                    "The tanker's owner has not commented publicly."],
        tags=["OilSpill", "Environment", "Shipping", "Oceans"],
        captions=["Volunteers clean oil from a beach near {city}.",
                  "A skimmer vessel works off the coast of {city}."],
    ),
    "health": dict(
        noun="the vaccination campaign", event=["the campaign began", "the outbreak was declared",
                                                "the first doses arrived"],
        orgs=[("Health Minister", "{adj} Health Ministry", "the ministry"),
              ("director", "{adj} Institute of Public Health", "the institute"),
              ("spokesperson", "{adj} Medical Association", "the association"),
              ("regional health officer", "{region} Health Board", "the health board")],
        facts=[
            ("count", 1e5, 8e6, ["doses", "vaccine doses"],
             "{Q} {O} had been given{T}", "{Q} {O} may have been given{T}", "cum"),
            ("pct", 20, 95, ["of adults", "of children"],
             "{Q} {O} had been vaccinated{T}", "{Q} {O} were likely vaccinated{T}", "asof"),
            ("count", 50, 20000, ["cases", "confirmed cases"],
             "{Q} {O} had been recorded{T}", "{Q} {O} could have been recorded{T}", "cum"),
            ("usd", 1e6, 5e8, ["in funding", "for clinics"],
             "the government had approved {Q} {O}", "the government could approve {Q} {O}", None),
            ("count", 20, 2000, ["clinics", "mobile units"],
             "{Q} {O} were operating{T}", "{Q} {O} could be operating{T}", "asof"),
            ("count", 1e4, 1e6, ["doses"],
             "{Q} {O} would arrive next month {C} {Q2} the month after",
             "{Q} {O} could arrive next month {C} {Q2} the month after", None, (1e4, 1e6)),
        ],
        headlines=["{Qh} given as {country} speeds up vaccination",
                   "{country} widens vaccine campaign", "Clinics open across {country}"],
        context=["as health workers fanned out to rural districts",
                 "as queues formed outside clinics in {city}",
                 "as officials urged parents to bring children in"],
        color=["We are seeing the queues get longer every day.",
               "The supply is finally matching the demand.",
               "Nobody should have to travel more than an hour for a dose.",
               "~I brought all three of my children today."],
        denials=["{org} denied that doses had been wasted",
                 "{org} rejected reports of shortages in rural clinics"],
        background=["The country's last major vaccination drive took place a decade ago.",
                    "Health workers have been trained to run mobile clinics.",
                    "Rural districts have historically had lower coverage."],
        tags=["Health", "Vaccines", "PublicHealth", "Outbreak"],
        captions=["A nurse prepares a dose at a clinic in {city}.",
                  "Families queue outside a vaccination centre in {city}."],
    ),
    "outage": dict(
        noun="the blackout", event=["the storm hit", "the substation fire",
                                    "the grid failure"],
        orgs=[("Energy Minister", "{adj} Energy Ministry", "the ministry"),
              ("chief executive", "{adj} Grid Company", "the grid operator"),
              ("regulator chair", "{adj} Energy Regulator", "the regulator"),
              ("Mayor", "{city} City Council", "the council")],
        facts=[
            ("count", 1e4, 2e6, ["households", "homes", "customers"],
             "{Q} {O} were without power{T}", "{Q} {O} may still be without power{T}", "asof"),
            ("km", 10, 900, ["of power lines", "of cables"],
             "{Q} {O} had been damaged{T}", "{Q} {O} were likely damaged{T}", "cum"),
            ("pct", 5, 80, ["of the grid", "of supply"],
             "{Q} {O} had been restored{T}", "{Q} {O} could be restored{T}", "asof"),
            ("usd", 1e6, 6e8, ["in repairs", "in compensation"],
             "the operator would spend {Q} {O}", "the operator might spend {Q} {O}", None),
            ("count", 100, 4000, ["repair crews", "engineers"],
             "{Q} {O} were working{T}", "{Q} {O} could be sent{T}", "recent"),
            ("count", 5, 200, ["hospitals", "schools"],
             "{Q} {O} {C} {Q2} water stations were on backup generators",
             "{Q} {O} {C} {Q2} water stations might be on backup generators", None, (5, 200)),
        ],
        headlines=["{Qh} without power across {country}", "Blackout hits {city}",
                   "Power slowly returns in {country}"],
        context=["as temperatures dropped overnight", "as crews worked through the night",
                 "as businesses in {city} stayed shut"],
        color=["~We have had no heat since the weekend.",
               "Crews will keep working until every home is back on.",
               "This grid was not built for storms like this."],
        denials=["{org} denied that maintenance had been delayed",
                 "{org} rejected claims that the blackout was caused by a cyberattack"],
        background=["Parts of the grid date back to the 1970s.",
                    "The regulator has ordered a review of the operator's storm planning.",
                    "Neighbouring countries offered to send repair crews."],
        tags=["Blackout", "Energy", "Infrastructure", "Storms"],
        captions=["Repair crews work on a power line near {city}.",
                  "Streets lie dark in central {city}."],
    ),
    "quake": dict(
        noun="the earthquake", event=["the earthquake struck", "the first tremor",
                                      "the aftershocks began"],
        orgs=[("Interior Minister", "{adj} Interior Ministry", "the ministry"),
              ("director", "{adj} Disaster Management Authority", "the authority"),
              ("Governor", "{region} Regional Government", "the regional government"),
              ("country director", "International Relief Federation", "the federation")],
        facts=[
            ("count", 10, 3000, ["people", "residents"],
             "{Q} {O} had been killed{T}", "{Q} {O} were feared dead{T}", "asof"),
            ("count", 50, 12000, ["people"],
             "{Q} {O} had been injured{T}", "{Q} {O} may have been injured{T}", "asof"),
            ("count", 100, 30000, ["buildings", "homes"],
             "{Q} {O} had collapsed{T}", "{Q} {O} were likely damaged{T}", "cum"),
            ("usd", 1e6, 5e8, ["in emergency aid", "for rebuilding"],
             "donors had pledged {Q} {O}", "donors could pledge {Q} {O}", None),
            ("tonnes", 10, 5000, ["of supplies", "of food aid"],
             "{Q} {O} had arrived{T}", "{Q} {O} were expected to arrive{T}", "cum"),
            ("count", 2, 60, ["rescue teams"],
             "{Q} {O} {C} {Q2} search dogs had been deployed",
             "{Q} {O} {C} {Q2} search dogs could be deployed", None, (10, 200)),
        ],
        headlines=["Earthquake kills {Qh} in {country}", "Rescuers dig through rubble in {city}",
                   "{country} quake: aid begins to arrive"],
        context=["as rescuers searched collapsed buildings in {city}",
                 "as aftershocks rattled the region", "as aid convoys reached mountain villages"],
        color=["~We heard voices under the concrete all night.",
               "Every hour counts for the people still trapped.",
               "~The whole street came down in a few seconds."],
        denials=["{org} denied that building codes had been ignored",
                 "{org} rejected reports that aid was being held at the border"],
        background=["The region lies on an active fault line.",
                    "Many older buildings in {city} were not built to modern standards.",
                    "Field hospitals have been set up on the edge of {city}."],
        tags=["Earthquake", "Disasters", "Aid", "Rescue"],
        captions=["Rescuers search rubble in {city}.", "Residents sleep outdoors in {city}."],
    ),
    "migration": dict(
        noun="the arrivals", event=["the border reopened", "the fighting escalated",
                                    "the camp opened"],
        orgs=[("Interior Minister", "{adj} Interior Ministry", "the ministry"),
              ("representative", "International Refugee Office", "the refugee office"),
              ("border police chief", "{adj} Border Police", "the border police"),
              ("Mayor", "{city} City Council", "the council")],
        facts=[
            ("count", 2000, 300000, ["people", "refugees", "asylum seekers"],
             "{Q} {O} had crossed the border{T}", "{Q} {O} may have crossed the border{T}", "cum"),
            ("pct", 5, 120, ["increase", "rise"],
             "arrivals showed a {O} of {Q}{T}", "arrivals could show a {O} of {Q}{T}", "cum"),
            ("count", 3, 40, ["camps", "reception centres"],
             "{Q} {O} were operating{T}", "{Q} {O} might be needed{T}", "asof"),
            ("usd", 1e6, 9e8, ["in humanitarian aid", "for housing"],
             "the government had requested {Q} {O}", "the government could request {Q} {O}", None),
            ("tonnes", 50, 8000, ["of food aid", "of supplies"],
             "{Q} {O} had been distributed{T}", "{Q} {O} were likely distributed{T}", "cum"),
            ("count", 1000, 60000, ["people"],
             "{Q} {O} were in camps {C} {Q2} in private housing",
             "{Q} {O} could be in camps {C} {Q2} in private housing", None, (1000, 60000)),
        ],
        headlines=["{Qh} cross into {country}", "{city} struggles to house new arrivals",
                   "{country} asks for help as arrivals rise"],
        context=["as aid agencies warned of overcrowding",
                 "as temperatures fell at border crossings",
                 "as the government appealed for international help"],
        color=["~We left with what we could carry.",
               "The town has opened its schools and sports halls.",
               "~We need blankets more than anything right now."],
        denials=["{org} denied that people had been turned back at the border",
                 "{org} rejected claims that the camps were over capacity"],
        background=["The border region has received arrivals in several waves.",
                    "Local volunteers have set up kitchens near the main crossing.",
                    "Aid agencies said funding covered only part of the need."],
        tags=["Migration", "Refugees", "Humanitarian", "Borders"],
        captions=["People queue at a border crossing near {city}.",
                  "Volunteers hand out blankets at a reception centre in {city}."],
    ),
}

DISASTER_TOPICS = {"flood", "wildfire", "quake", "outage", "spill", "migration"}
DISASTER_FILLER = [
    "Road closures around {city} caused long delays for commuters.",
    "Community groups in {city} have organised collections of food and clothing.",
    "Schools in parts of {city} were closed as a precaution.",
    "Weather conditions were expected to remain difficult for several days.",
    "Volunteers worked alongside emergency crews through the night.",
    "Some families said they had not yet been told when they could return home.",
    "The {adj} Red Crescent and other groups have sent teams to the area.",
    "Churches and mosques in {city} opened their doors to those in need.",
    "Neighbouring districts said they were ready to take in people if needed.",
    "Relief organisations said they were scaling up operations in the area.",
    "A hotline has been set up for families seeking information.",
    "Local media reported long queues at petrol stations and supermarkets.",
    "The last comparable disaster, in {year}, left parts of {city} without services for weeks.",
]
GENERIC_FILLER = [
    "{city} lies on the {river} River, about a day's drive from the capital.",
    "Residents said the mood in {city} had shifted in recent days.",
    "{city} was founded in the {century}th century and grew around its river crossing.",
    "The {ordinal} session of the committee is due to meet next month.",
    "A similar review in {year} led to changes in how figures are reported.",
    "The {org} was reorganised in {year} after a government review.",
    "The {adj} parliament will sit again on {weekday}.",
    "Officials in {city} have been preparing a response plan since {year}.",
    "It was the {ordinal} time this year that the {org} had briefed parliament.",
    "Analysts cautioned that early figures are often revised as more information emerges.",
    "The government is expected to publish a fuller assessment later this month.",
    "Opposition politicians called for an independent review of the response.",
    "Local officials said they had been in contact with national authorities throughout the week.",
    "The {org} said it would provide further updates as the situation developed.",
    "Several international partners have offered technical assistance.",
    "Questions remain about how long the recovery will take and who will pay for it.",
    "The issue is likely to feature in parliamentary debates in the coming weeks.",
    "Critics said the warning signs had been visible for some time.",
    "Officials urged residents to follow guidance from local authorities.",
    "The {adj} cabinet held an emergency meeting to discuss the response.",
    "Business owners in {city} said they were worried about lost trade.",
    "Independent experts said it was too early to draw firm conclusions.",
    "The region has seen strong economic growth in recent years, driven by {industry}.",
    "{city} is best known for its {landmark}, which draws visitors from across {country}.",
    "The situation has drawn attention from neighbouring governments.",
    "Some residents said they had received conflicting advice from different agencies.",
    "The {org} has faced criticism in the past over its handling of similar events.",
    "Lawmakers from several parties called for a swift and transparent inquiry.",
    "Officials said they would publish revised figures once verification was complete.",
    "Trade groups said members were assessing the impact on their operations.",
    "The events have renewed debate about investment in public infrastructure.",
    "The prime minister is expected to visit {city} later this week.",
    "The figures could not be independently verified.",
    "Economists said the longer-term costs would depend on how quickly services resumed.",
    "In the capital, ministers faced questions about preparedness.",
    "Historians note that {city} has rebuilt after setbacks before.",
    "A local councillor described the past few days as the hardest in living memory.",
    "Social media footage showed crowds gathering near the town hall in {city}.",
    "Officials said they were reviewing procedures and would report back to parliament.",
    "The episode has become a test for the government, which took office last year.",
]
GENERIC_HEADLINES = [
    "{city}: what we know so far", "{country} officials give new figures on {noun}",
    "Latest on {noun} in {country}", "{adj} officials under pressure over {noun}",
    "Update: {Qh}, officials say", "{country} in numbers: {noun}",
]
INDUSTRIES = ["shipping", "textiles", "tourism", "food processing", "steelmaking",
              "logistics", "software", "mining", "fishing"]
LANDMARKS = ["old harbour", "cathedral", "covered market", "stone bridge", "castle",
             "botanical garden", "railway museum", "waterfront promenade"]
BIO_ROLES = ["covers energy and the environment", "is a senior correspondent",
             "reports on politics and public policy", "covers business and trade",
             "is a regional correspondent", "writes about infrastructure and transport"]
SECTIONS = ["news", "world", "business", "national", "local", "politics", "economy"]

SYN_SWAPS = [
    ("began", "started"), ("additional", "extra"), ("officials", "authorities"),
    ("residents", "locals"), ("however", "though"), ("warned", "cautioned"),
    ("large", "big"), ("quickly", "rapidly"), ("help", "assist"), ("showed", "indicated"),
    ("expected", "due"), ("area", "region"), ("meeting", "session"),
    ("said it would", "said it will"),
]


# --------------------------------------------------------------------------- numbers

def _words_under_100(n: int) -> str:
    if n < 20:
        return UNITS_WORDS[n]
    t, u = divmod(n, 10)
    return TENS_WORDS[t] + ("-" + UNITS_WORDS[u] if u else "")


def _sig_round(v: float, sig: int, mode: str = "round") -> float:
    if v <= 0:
        return v
    mag = 10 ** (math.floor(math.log10(v)) - sig + 1)
    f = {"round": round, "floor": math.floor, "ceil": math.ceil}[mode]
    out = f(v / mag) * mag
    if out <= 0:
        out = mag
    return out


def _trim(x: float) -> str:
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s


def fmt_count(v: float, rng: random.Random) -> str:
    """A count written the way newspapers write it: words, digits, scale words."""
    v = int(round(v))
    if v < 10:
        return UNITS_WORDS[v] if rng.random() < 0.7 else str(v)
    if v < 100:
        if v % 10 == 0 and rng.random() < 0.3:
            return _words_under_100(v)
        return str(v)
    if v < 1000:
        return str(v)
    if v < 1_000_000:
        if v == 500_000 and rng.random() < 0.6:
            return "half a million"
        if v == 250_000 and rng.random() < 0.4:
            return "a quarter of a million"
        if v % 100 == 0 and v < 100_000 and rng.random() < 0.12:
            return f"{_trim(v / 1000)} thousand"
        if v % 1000 == 0 and rng.random() < 0.15:
            return f"{v // 1000:,} thousand" if rng.random() < 0.5 else f"{v // 1000}k"
        return f"{v:,}" if rng.random() < 0.95 else str(v)
    if v % 10_000 == 0:
        m = v / 1e6
        r = rng.random()
        if r < 0.55:
            return f"{_trim(m)} million"
        if r < 0.7:
            return f"{v:,}"
        if r < 0.8:
            return f"{_trim(m)}m"
        if r < 0.87:
            return f"{_trim(m)}mn"
        if m == int(m) and m < 20:
            return f"{_words_under_100(int(m))} million"
        return f"{_trim(m)} million"
    return f"{v:,}"


def fmt_money(v: float, rng: random.Random) -> str:
    if v >= 1e9:
        b = _trim(v / 1e9)
        return rng.choice([f"${b} billion", f"${b} billion", f"${b}bn", f"US${b} billion",
                           f"{b} billion dollars"])
    if v >= 1e6:
        m = _trim(v / 1e6)
        return rng.choice([f"${m} million", f"${m} million", f"${m}m", f"${m}mn",
                           f"US${m} million", f"{m} million dollars"])
    return f"${int(v):,}"


def fmt_pct(v: float, rng: random.Random) -> str:
    s = _trim(round(v, 1))
    return rng.choice([f"{s} percent", f"{s} percent", f"{s}%", f"{s} per cent"])


def fmt_unit(v: float, unit: str, rng: random.Random) -> str:
    if unit == "usd":
        return fmt_money(v, rng)
    if unit == "pct":
        return fmt_pct(v, rng)
    n = fmt_count(v, rng)
    if unit == "km":
        return n + rng.choice([" kilometres", " kilometers", " km"])
    if unit == "tonnes":
        return n + rng.choice([" tonnes", " tonnes", " metric tons", " tons"])
    if unit == "hectares":
        return n + " hectares"
    return n


def display_value(true: float, fam: str, unit: str, rng: random.Random) -> float:
    """The number an outlet prints for ``true`` under qualifier family ``fam``."""
    if unit == "pct":
        if fam == "exact":
            return round(true, 1)
        if fam in ("more_than", "at_least"):
            return float(math.floor(true))
        if fam in ("nearly", "up_to", "less_than"):
            return float(math.ceil(true))
        return float(round(true))
    if fam == "exact":
        return float(int(round(true)))
    sig = 1 if true < 100 else 2
    mode = {"more_than": "floor", "at_least": "floor", "nearly": "ceil", "up_to": "ceil",
            "less_than": "ceil"}.get(fam, "round")
    out = _sig_round(true, sig, mode)
    if out == true and fam in ("nearly", "less_than"):
        out = _sig_round(true * 1.05, sig, "ceil")
    return float(out)


def qualified(true: float, fam: str, unit: str, rng: random.Random) -> str:
    v = display_value(true, fam, unit, rng)
    q = rng.choice(QUALIFIERS[fam])
    if fam == "less_than" and unit != "count":
        q = rng.choice(["less than", "under", "below"])
    amount = fmt_unit(v, unit, rng)
    return f"{q} {amount}".strip()


# --------------------------------------------------------------------------- model

@dataclass
class Person:
    name: str
    gender: str
    role: str
    org: str
    org_short: str

    @property
    def last(self) -> str:
        return self.name.split()[-1]

    @property
    def pron(self) -> str:
        return "he" if self.gender == "m" else "she"


@dataclass
class FactInst:
    spec: tuple
    value: float
    value2: float | None
    conj: str
    obj: int
    fam: str
    scopes: list[str]
    hedged: bool
    speaker: int          # index into story.people, or -1 for the org only
    kind: str             # quote / paraphrase / narration
    stmt_offset: int      # days after the event date


@dataclass
class Story:
    idx: int
    topic: str
    country: str
    adj: str
    city: str
    region: str
    river: str
    date: dt.date
    people: list[Person]
    facts: list[FactInst]
    event: str
    residents: list[tuple[str, str, str]] = field(default_factory=list)


def _name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    for _ in range(50):
        first, g = rng.choice(FIRST)
        full = f"{first} {rng.choice(LAST)}"
        if full not in used:
            used.add(full)
            return full, g
    return full, g


def _fill(t: str, st: Story, **kw) -> str:
    return t.format(city=st.city, country=st.country, adj=st.adj, region=st.region,
                    river=st.river, **kw)


def _scope_candidates(kind: str | None, st: Story, rng: random.Random) -> list[str]:
    d = st.date
    if kind is None:
        return []
    ev = st.event
    if kind == "cum":
        m0 = (d.month - 1 - rng.randint(2, 7)) % 12
        cands = [f"since {MONTHS[m0]}", f"since {MONTHS[(m0 + 1) % 12]}",
                 f"since {MONTHS[(m0 - 1) % 12]}", "over the past year",
                 "since the start of the year", f"since {ev}", "in the past 12 months",
                 f"as of {MON_ABBR[d.month - 1]} {d.day}"]
    elif kind == "recent":
        wd = WEEKDAYS[(d.weekday() - 1) % 7]
        cands = ["in the past 24 hours", f"since {wd}", "overnight", f"since {ev}",
                 "this week", f"as of {WEEKDAYS[d.weekday()]} evening"]
    else:  # asof
        cands = [f"as of {MON_ABBR[d.month - 1]} {d.day}",
                 f"as of {MON_ABBR[d.month - 1]} {max(1, d.day - 1)}",
                 "at the end of last month", f"in {MONTHS[(d.month - 2) % 12]}",
                 "this month", "last quarter"]
    base = rng.choice(cands)
    rest = [c for c in cands if c != base]
    rng.shuffle(rest)
    return [base] + rest


def make_story(idx: int, rng: random.Random, date0: dt.date) -> Story:
    topic = rng.choice(sorted(TOPICS))
    tp = TOPICS[topic]
    country, adj = rng.choice(COUNTRIES)
    city = rng.choice(CITY_A) + rng.choice(CITY_B)
    region = rng.choice(["North", "South", "East", "West", "Upper", "Lower"]) + " " + \
        rng.choice(CITY_A) + rng.choice(["land", "shire", "vale", "mark"])
    date = date0 + dt.timedelta(days=rng.randint(0, 1000))
    used: set[str] = set()
    people = []
    orgs = list(tp["orgs"])
    rng.shuffle(orgs)
    for role, org_t, short in orgs[: rng.randint(2, 4)]:
        name, g = _name(rng, used)
        org = org_t.format(adj=adj, city=city, region=region)
        people.append(Person(name, g, role, org, short))
    st = Story(idx, topic, country, adj, city, region, rng.choice(RIVERS), date, people, [],
               rng.choice(tp["event"]))
    for _ in range(3):
        name, g = _name(rng, used)
        st.residents.append((name, g, rng.choice(
            ["a shopkeeper", "a teacher", "a nurse", "a driver", "a retired engineer",
             "a volunteer", "a local councillor", "a student", "a dockworker", "a farmer"])))
    specs = list(tp["facts"])
    first = specs[0]
    rest = specs[1:]
    rng.shuffle(rest)
    chosen = [first] + rest[: rng.randint(len(rest) - 1, len(rest))]
    for spec in chosen:
        unit, lo, hi = spec[0], spec[1], spec[2]
        if unit == "pct":
            value = round(rng.uniform(lo, hi), 1)
        else:
            value = math.exp(rng.uniform(math.log(lo), math.log(hi)))
            if unit == "usd":
                value = _sig_round(value, 2)
            elif rng.random() < 0.5:
                value = _sig_round(value, 3)
            value = float(int(round(value)))
        value2 = None
        if len(spec) > 7:
            lo2, hi2 = spec[7]
            value2 = float(int(_sig_round(math.exp(rng.uniform(math.log(lo2), math.log(hi2))), 2)))
        fam = rng.choices(list(QUALIFIERS), weights=[30, 18, 8, 8, 12, 4, 20])[0]
        st.facts.append(FactInst(
            spec=spec, value=value, value2=value2, conj=rng.choice(["and", "or"]),
            obj=rng.randrange(len(spec[3])), fam=fam,
            scopes=_scope_candidates(spec[6], st, rng), hedged=rng.random() < 0.3,
            speaker=rng.randrange(len(people)) if rng.random() < 0.85 else -1,
            kind=rng.choices(["paraphrase", "quote", "narration"], weights=[60, 22, 18])[0],
            stmt_offset=rng.choice([0, 0, 0, 1])))
    return st


# --------------------------------------------------------------------------- rendering

def _day_phrase(stmt: dt.date, pub: dt.date, rng: random.Random) -> str:
    delta = (pub - stmt).days
    if delta < 0:
        return ""
    if delta <= 6:
        return f"on {WEEKDAYS[stmt.weekday()]}"
    return f"on {MON_ABBR[stmt.month - 1]} {stmt.day}"


def _subj(ref: str) -> str:
    """A speaker phrase used before a verb: close an appositive with a comma."""
    return ref + "," if "," in ref else ref


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


class Writer:
    """Renders one outlet's article for a story."""

    def __init__(self, st: Story, outlet: tuple[str, str], pub: dt.date, rng: random.Random,
                 others: list[str]):
        self.st, self.outlet, self.pub, self.rng = st, outlet, pub, rng
        self.others = others
        self.last_person: Person | None = None
        self.mentioned: set[str] = set()
        colors = list(TOPICS[st.topic]["color"])
        rng.shuffle(colors)
        self.official_lines = [c for c in colors if not c.startswith("~")]
        self.resident_lines = [c[1:] for c in colors if c.startswith("~")]

    # -- speakers
    def person_full(self, p: Person) -> str:
        r = self.rng.random()
        self.mentioned.add(p.name)
        if p.role[0].isupper():                       # a title: "Interior Minister"
            if r < 0.6:
                return f"{p.role} {p.name}"
            if "Minister" in p.role:
                return f"{p.name}, the {self.st.adj} {p.role.lower()}"
            return f"{p.name}, the {p.role.lower()}"
        if r < 0.5:
            return f"{p.name}, the {p.role} of the {p.org}"
        if r < 0.75:
            return f"{p.name}, {p.role} at the {p.org}"
        return f"the {p.org}'s {p.role}, {p.name}"

    def person_ref(self, p: Person) -> str:
        if p.name not in self.mentioned:
            return self.person_full(p)
        if self.last_person is p and self.rng.random() < 0.6:
            return p.pron
        if self.rng.random() < 0.3 and p.role[0].isupper():
            return f"the {p.role.split()[-1].lower()}"
        return p.last

    def org_ref(self, p: Person) -> str:
        r = self.rng.random()
        if r < 0.15 and p.name in self.mentioned:
            return f"{p.last}'s {p.org_short.replace('the ', '')}"
        if r < 0.3:
            med = self.rng.choice(MEDIUMS)
            return f"a {med} published {self._day(0) or 'this week'} by the {p.org}"
        return f"the {p.org}"

    def _day(self, offset: int) -> str:
        return _day_phrase(self.st.date + dt.timedelta(days=offset), self.pub, self.rng)

    # -- claims
    def clause(self, f: FactInst, *, fam: str, value: float, obj: int, scope: str,
               hedged: bool, conj: str) -> str:
        spec = f.spec
        unit, objs = spec[0], spec[3]
        tmpl = spec[5] if hedged else spec[4]
        q = qualified(value, fam, unit, self.rng)
        q2 = ""
        if f.value2 is not None:
            v2 = f.value2
            q2 = fmt_unit(v2, unit if unit != "pct" else "count", self.rng)
        t = (" " + scope) if scope and "{T}" in tmpl else ""
        return tmpl.format(Q=q, O=objs[obj], T=t, Q2=q2, C=conj)

    def variant(self, f: FactInst, drift: float) -> dict:
        """This outlet's version of fact ``f``: drift qualifiers, values, scopes, hedges."""
        rng = self.rng
        fam, value, obj, hedged, conj = f.fam, f.value, f.obj, f.hedged, f.conj
        scope = f.scopes[0] if f.scopes else ""
        if rng.random() < drift:
            fam = rng.choice([k for k in QUALIFIERS if k != fam])
        if rng.random() < drift * 0.5:
            value = value * rng.uniform(0.6, 0.9)         # an older estimate
            value = round(value, 1) if f.spec[0] == "pct" else float(int(value))
        if rng.random() < drift * 0.6 and len(f.spec[3]) > 1:
            obj = rng.choice([i for i in range(len(f.spec[3])) if i != obj])
        if f.scopes and rng.random() < drift:
            scope = rng.choice(f.scopes[1:] + [""])
        if rng.random() < drift * 0.7:
            hedged = not hedged
        if f.value2 is not None and rng.random() < drift:
            conj = "and" if conj == "or" else "or"
        speaker = f.speaker
        if rng.random() < drift * 0.6:
            speaker = rng.randrange(-1, len(self.st.people))
        kind = f.kind
        if rng.random() < drift:
            kind = rng.choice(["paraphrase", "quote", "narration"])
        offset = f.stmt_offset
        if rng.random() < drift * 0.4:
            offset += rng.choice([-1, 1])
        return dict(fam=fam, value=value, obj=obj, scope=scope, hedged=hedged, conj=conj,
                    speaker=speaker, kind=kind, offset=offset)

    def claim_sentence(self, f: FactInst, drift: float, follow: bool = False) -> str:
        """One sentence carrying fact ``f``; ``follow``: keep the previous speaker if any."""
        rng = self.rng
        v = self.variant(f, drift)
        if follow and self.last_person is not None and rng.random() < 0.7:
            v["speaker"] = self.st.people.index(self.last_person)
            if v["kind"] == "narration":
                v["kind"] = "paraphrase"
        clause = self.clause(f, fam=v["fam"], value=v["value"], obj=v["obj"],
                             scope=v["scope"], hedged=v["hedged"], conj=v["conj"])
        day = self._day(v["offset"])
        dayp = f" {day}" if day and rng.random() < 0.7 else ""
        people = self.st.people
        p = people[v["speaker"]] if v["speaker"] >= 0 else None
        if v["kind"] == "narration" and p is not None and rng.random() < 0.5:
            v["kind"] = "paraphrase"
        if v["kind"] == "narration":
            self.last_person = None
            return _cap(clause) + "."
        if v["kind"] == "quote" and p is not None:
            return self.quote(p, clause, dayp)
        # paraphrase
        if p is None or rng.random() < 0.25:
            src_p = p or rng.choice(people)
            if rng.random() < 0.12:
                who = f"a senior official at the {src_p.org}, speaking on condition of anonymity,"
                self.last_person = None
                return rng.choice([f"{_cap(clause)}, {who} said.",
                                   f"{_cap(who)} said {clause}."])
            src = self.org_ref(src_p)
            r = rng.random()
            self.last_person = None
            if r < 0.5 or src.startswith("a "):
                return f"According to {src}, {clause}."
            if r < 0.8:
                return f"{_cap(clause)}, {_subj(src)} said{dayp}."
            return f"{_cap(_subj(src))} said in a statement{dayp} that {clause}."
        ref = self.person_ref(p)
        self.last_person = p
        r = rng.random()
        if ref in ("he", "she"):
            return rng.choice([f"{_cap(ref)} added that {clause}.",
                               f"{_cap(ref)} said {clause}.",
                               f"{_cap(clause)}, {ref} said."])
        if r < 0.14 and self.others:
            relay = rng.choice(self.others)
            aud = rng.choice(AUDIENCES[:3])
            return f"{_cap(_subj(ref))} told {aud}{dayp} that {clause}, {relay} reported."
        if r < 0.2 and self.others:
            relay = rng.choice(self.others)
            return f"{_cap(clause)}, {relay} reported, citing {ref}."
        if r < 0.27 and v["hedged"] is False:
            return f"{_cap(_subj(ref))} {rng.choice(HEDGE_VERBS)} that {clause}."
        if r < 0.45:
            return f"{_cap(clause)}, {_subj(ref)} said{dayp}."
        if r < 0.55 and "," not in ref:
            return f"{_cap(clause)}, said {self.person_full(p) if ref == p.last else ref}."
        if r < 0.7:
            return f"According to {ref}, {clause}."
        if r < 0.8:
            aud = rng.choice(AUDIENCES)
            verb = "told" if not aud.startswith("a news") else "said at"
            return f"{_cap(_subj(ref))} {verb} {aud}{dayp} that {clause}."
        return f"{_cap(_subj(ref))} said{dayp} that {clause}."

    def quote(self, p: Person, clause: str, dayp: str) -> str:
        rng = self.rng
        tp = TOPICS[self.st.topic]
        ref = self.person_ref(p)
        self.last_person = p
        body = _cap(clause)
        r = rng.random()
        if r < 0.15:
            extra = rng.choice([c for c in tp["color"] if not c.startswith("~")]).rstrip(".")
            return f'"{body}. {extra}," {_subj(ref)} said.'
        if r < 0.3 and ref not in ("he", "she"):
            full = self.person_full(p) if ref == p.last else ref
            return f'"{body}." That was the assessment of {full}{dayp}.'
        if r < 0.5 and ref not in ("he", "she") and "," not in ref:
            return f'"{body}," said {ref}.'
        if r < 0.65:
            return f'{_cap(_subj(ref))} said{dayp}: "{body}."'
        return f'"{body}," {_subj(ref)} said{dayp}.'

    def color_quote(self) -> str:
        """A quote with no figure: a resident's or an official's remark."""
        rng = self.rng
        resident = bool(self.resident_lines) and (not self.official_lines or rng.random() < 0.5)
        lines = self.resident_lines if resident else self.official_lines
        if not lines:
            return _fill(rng.choice(TOPICS[self.st.topic]["background"]), self.st)
        line = _fill(lines.pop(), self.st).rstrip(".")
        if resident:
            name, g, occ = rng.choice(self.st.residents)
            self.last_person = None
            return rng.choice([f'"{line}," said {name}, {occ} in {self.st.city}.',
                               f'"{line}," {name}, {occ}, said.'])
        p = rng.choice(self.st.people)
        ref = self.person_ref(p)
        self.last_person = p
        return f'"{line}," {_subj(ref)} said.'

    def denial(self) -> str:
        rng = self.rng
        tp = TOPICS[self.st.topic]
        p = rng.choice(self.st.people)
        org = f"the {p.org}" if rng.random() < 0.6 else f"{p.org_short}"
        org = _cap(org)
        sent = rng.choice(tp["denials"]).format(org=org)
        return sent + "."

    # -- boilerplate
    def back_reference(self, f: FactInst) -> str:
        """An earlier statement of the same figure: a timeline entry, not a contradiction."""
        rng = self.rng
        d = self.st.date - dt.timedelta(days=rng.randint(25, 150))
        when = rng.choice([f"In {MONTHS[d.month - 1]}", "Last month", "Earlier this year",
                           f"On {MON_ABBR[d.month - 1]} {d.day}"])
        p = rng.choice(self.st.people)
        who = rng.choice([f"the {p.org}", p.org_short]) if p.name not in self.mentioned \
            else rng.choice([p.last, f"the {p.org}"])
        older = f.value * rng.uniform(0.5, 0.85)
        older = round(older, 1) if f.spec[0] == "pct" else float(max(1, int(older)))
        fam = rng.choice(["approx", "exact", "more_than", "at_least"])
        return f"{when}, {who} had put the figure at {qualified(older, fam, f.spec[0], rng)}."

    def caption(self) -> str:
        rng = self.rng
        tp = TOPICS[self.st.topic]
        name, _ = rng.choice(FIRST)
        cap = _fill(rng.choice(tp["captions"]), self.st)
        credit = f"{name} {rng.choice(LAST)} / {rng.choice(PHOTO_AGENCIES)}"
        return rng.choice([f"{cap} (Photo: {credit})", f"{cap} Photo: {credit}",
                           f"{cap} ({rng.choice(PHOTO_AGENCIES)})"])

    def related(self) -> list[str]:
        rng = self.rng
        tp = TOPICS[self.st.topic]
        heads = [
            f"How {self.st.city} is coping a week on",
            f"Explainer: what we know about {tp['noun']}",
            f"{self.st.country}'s government under pressure",
            f"Opinion: lessons from {tp['noun']}",
            f"In pictures: {self.st.city} this week",
            f"Timeline: {tp['noun']} day by day",
        ]
        rng.shuffle(heads)
        r = rng.random()
        if r < 0.4:
            return [f"Read more: {heads[0]}"]
        if r < 0.8:
            return [f"• Related: {h}" if rng.random() < 0.5 else f"• {h}"
                    for h in heads[: rng.randint(1, 3)]]
        return ["Related coverage", *heads[: rng.randint(2, 3)]]

    def outreach(self) -> str:
        rng = self.rng
        p = rng.choice(self.st.people)
        return rng.choice([
            f"The {p.org} did not immediately respond to a request for comment.",
            f"{self.outlet[0]} has reached out to the {p.org} for comment.",
            f"A spokesperson for the {p.org} did not respond to emailed questions.",
            f"{self.outlet[0]} has contacted the {p.org} for comment.",
        ])

    def tagline(self) -> str:
        tags = list(TOPICS[self.st.topic]["tags"])
        self.rng.shuffle(tags)
        return "".join([self.st.country] + tags[: self.rng.randint(1, 3)])

    def footer(self) -> list[str]:
        rng = self.rng
        out = []
        if rng.random() < 0.25:
            out.append(rng.choice([
                "Sign up for our morning newsletter to get the day's top stories.",
                "Get the latest headlines delivered to your inbox. Subscribe now.",
                "Enjoying this article? Support independent journalism today.",
            ]))
        if rng.random() < 0.2:
            out.append(f"Share {rng.randint(3, 900)} Comments {rng.randint(0, 120)}")
        return out

    # -- filler
    def filler_pool(self) -> list[str]:
        tp = TOPICS[self.st.topic]
        p = self.rng.choice(self.st.people)
        src = GENERIC_FILLER + (DISASTER_FILLER if self.st.topic in DISASTER_TOPICS else [])
        rng = self.rng
        pool = [_fill(s, self.st, org=p.org, industry=rng.choice(INDUSTRIES),
                      landmark=rng.choice(LANDMARKS), year=rng.randint(1990, self.st.date.year - 1),
                      century=rng.randint(11, 18), weekday=rng.choice(WEEKDAYS[:5]),
                      ordinal=rng.choice(["2nd", "third", "fourth", "5th", "second"]))
                for s in src]
        pool += [_fill(s, self.st) for s in tp["background"]]
        self.rng.shuffle(pool)
        return pool


def render_article(st: Story, outlet: tuple[str, str], pub: dt.date, author: str,
                   rng: random.Random, others: list[str], drift: float) -> tuple[str, str]:
    """Return (title, text) for one outlet's coverage of ``st``."""
    w = Writer(st, outlet, pub, rng, others)
    tp = TOPICS[st.topic]
    main = st.facts[0]
    # headline
    v = w.variant(main, drift)
    qh = qualified(v["value"], v["fam"], main.spec[0], rng)
    obj_h = main.spec[3][v["obj"]]
    if main.spec[0] in ("count", "tonnes", "km", "hectares"):
        qh = f"{qh} {obj_h}"
    elif main.spec[0] == "pct" and not obj_h.startswith("of "):
        qh = f"{obj_h} at {qh}"
    heads = tp["headlines"] + GENERIC_HEADLINES
    title = _fill(rng.choice(heads), st, Qh=qh, noun=tp["noun"],
                  event_short=st.event.split(" ")[-1] if st.event.startswith("the ") else "summit")
    title = _cap(title)

    paras: list[list[str]] = []
    # lede
    lede = w.claim_sentence(main, drift)
    ctx = _fill(rng.choice(tp["context"]), st)
    if lede.endswith(".") and not lede.endswith('."'):
        lede = lede[:-1] + ", " + ctx + "."
    if outlet[1] == "wire" or rng.random() < 0.3:
        up = st.city.upper()
        lede = rng.choice([f"{up} ({outlet[0]}) — ", f"{up}, {MON_ABBR[pub.month - 1]} {pub.day} "
                           f"({outlet[0]}) - ", f"{up} — "]) + lede
    lede_para = [lede]
    if rng.random() < 0.5:                # the same figure again, from another source
        lede_para.append(w.claim_sentence(main, min(0.9, drift * 2), follow=True))
    paras.append(lede_para)
    if rng.random() < 0.6:
        paras.append([w.caption()])

    # plan the body first, then render it in reading order (pronouns follow it)
    plan: list[tuple] = [("fact", f) for f in st.facts[1:] if rng.random() < 0.85]
    for _ in range(rng.randint(1, 3)):
        plan.insert(rng.randint(0, len(plan)), ("color",))
    if rng.random() < 0.5:
        plan.insert(rng.randint(0, len(plan)), ("denial",))
    for item in plan:
        w.last_person = None              # pronouns stay inside a paragraph
        if item[0] == "color":
            paras.append([w.color_quote()])
        elif item[0] == "denial":
            paras.append([w.denial()])
        else:
            f = item[1]
            sents = [w.claim_sentence(f, drift)]
            r = rng.random()
            if r < 0.4:
                sents.append(w.claim_sentence(rng.choice(st.facts), drift, follow=True))
            elif r < 0.55 and f.spec[0] != "pct":
                sents.append(w.back_reference(f))
            paras.append(sents)
    mid_boiler = w.related() if rng.random() < 0.55 else []

    tail: list[list[str]] = []
    if rng.random() < 0.5:
        tail.append([w.outreach()])
    ends: list[str] = []
    if rng.random() < 0.35:
        ends.append(f"{author.split(' and ')[0]} {rng.choice(BIO_ROLES)} for {outlet[0]}.")
    ends += w.footer()
    if rng.random() < 0.45:
        ends.append(w.tagline())

    target = int(rng.triangular(MIN_WORDS + 20, MAX_WORDS - 80, 330))
    pool = w.filler_pool()
    fill_ids: set[int] = set()            # id() of filler paragraphs

    def assemble(ps: list[list[str]]) -> str:
        blocks = [" ".join(p) for p in ps]
        if mid_boiler and len(blocks) > 2:
            k = min(len(blocks), 3)
            blocks = blocks[:k] + mid_boiler + blocks[k:]
        return "\n\n".join(blocks + [" ".join(p) for p in tail] + ends)

    def words(s: str) -> int:
        return len(s.split())

    text = assemble(paras)
    while words(text) < target and pool:
        para = [pool.pop() for _ in range(min(rng.randint(1, 3), len(pool)))]
        fill_ids.add(id(para))
        paras.insert(rng.randint(2, len(paras)), para)
        text = assemble(paras)
    while words(text) > MAX_WORDS and len(paras) > 3:
        idx = [i for i, p in enumerate(paras) if id(p) in fill_ids] or \
            list(range(2, len(paras)))
        paras.pop(rng.choice(idx))
        text = assemble(paras)
    if rng.random() < 0.1 and words(text) + words(title) <= MAX_WORDS:
        text = title + "\n\n" + text       # some pages repeat the headline in the body
    return title, text


def syndicate(text: str, title: str, wire: str, rng: random.Random) -> tuple[str, str]:
    """A near-verbatim republication of a wire story: a few words swapped."""
    swaps = [s for s in SYN_SWAPS if re.search(r"\b%s\b" % re.escape(s[0]), text)]
    rng.shuffle(swaps)
    for a, b in swaps[: rng.randint(2, 5)]:
        text = re.sub(r"\b%s\b" % re.escape(a), b, text, count=1)
    lines = text.split("\n\n")
    if len(lines) > 4 and rng.random() < 0.5:
        k = rng.randint(3, len(lines) - 1)       # trimmed for space
        if len(text.split()) - len(lines[k].split()) >= MIN_WORDS + 10:
            lines.pop(k)
    lines.append(rng.choice([f"This story was provided by {wire}.",
                             f"Additional reporting by {wire}.",
                             f"© {wire}. Republished with permission."]))
    while len(" ".join(lines).split()) > MAX_WORDS and len(lines) > 4:
        lines.pop(len(lines) // 2)
    text = "\n\n".join(lines)
    if rng.random() < 0.5:
        for a, b in SYN_SWAPS:
            if re.search(r"\b%s\b" % re.escape(a), title, flags=re.I):
                title = re.sub(r"\b%s\b" % re.escape(a), b, title, count=1, flags=re.I)
                break
    return title, text


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _story_sizes(n: int, rng: random.Random) -> list[int]:
    sizes: list[int] = []
    left = n
    while left > 0:
        if left <= 6:
            k = left
        else:
            k = rng.choices([2, 3, 4, 5, 6], weights=[15, 25, 30, 18, 12])[0]
            if left - k == 1:
                k = k + 1 if k < 6 else k - 1
        sizes.append(k)
        left -= k
    return sizes


def generate(n: int, seed: int) -> Iterator[dict]:
    """Yield ``n`` article records, deterministic for ``seed``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(f"claimdiff-bench-{seed}")
    sizes = _story_sizes(n, random.Random(f"claimdiff-bench-sizes-{seed}"))
    date0 = dt.date(2022, 1, 3)
    count = 0
    for si, size in enumerate(sizes):
        srng = random.Random(rng.getrandbits(64))
        st = make_story(si, srng, date0)
        outs = srng.sample(OUTLETS, size)
        wires = [o for o in OUTLETS if o[1] == "wire"]
        syndicated_from: int | None = None
        if size >= 3 and srng.random() < 0.3:
            # the last outlet republishes a wire story carried by an earlier slot
            if outs[0][1] != "wire":
                outs[0] = srng.choice([w for w in wires if w not in outs] or wires)
            syndicated_from = 0
        offsets = sorted(srng.choice([0, 0, 1, 1, 2, 3, 4]) for _ in range(size))
        drift = srng.uniform(0.15, 0.45)
        made: list[dict] = []
        for k, outlet in enumerate(outs):
            pub = st.date + dt.timedelta(days=offsets[k])
            first = _name(srng, set())[0]
            author = first if srng.random() < 0.85 else f"{first} and {_name(srng, set())[0]}"
            if outlet[1] == "wire" and srng.random() < 0.2:
                author = f"{outlet[0]} staff"
            others = [o[0] for o in OUTLETS if o[0] != outlet[0]]
            others = srng.sample(others, 3)
            if syndicated_from is not None and k == size - 1:
                src = made[syndicated_from]
                title, text = syndicate(src["text"], src["title"], src["outlet"], srng)
                author = src["author"]
                pub = max(pub, dt.date.fromisoformat(src["published"]))
            else:
                title, text = render_article(st, outlet, pub, author, srng, others, drift)
            section = srng.choice(SECTIONS)
            rec = {
                "id": f"bench-{seed}-s{si:04d}-{k}",
                "title": title,
                "outlet": outlet[0],
                "published": pub.isoformat(),
                "url": f"https://{_slug(outlet[0]).replace('-', '')}.example/{section}/"
                       f"{pub:%Y/%m/%d}/{_slug(title)[:70]}",
                "author": author,
                "text": text,
            }
            made.append(rec)
            count += 1
            yield rec
    assert count == n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300, help="number of articles (default 300)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--out", default="-", help="output JSONL path, '-' for stdout")
    args = ap.parse_args(argv)
    fh = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for rec in generate(args.n, args.seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
