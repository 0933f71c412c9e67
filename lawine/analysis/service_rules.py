"""Pattern data for the customer-service layer (service.py): complaint, sarcasm and question cues, EN + DE."""
from __future__ import annotations

# All patterns are case-insensitive regexes. They describe general ways customers report a
# failure, often without any emotional word ("on hold for 2 hours", "seit drei Tagen keine
# Antwort"). Single failure words ("delayed", "verspätet") are lexicon entries instead
# (sentiment_en.SERVICE_SENSES, data/de_lexicon.tsv) so negation applies to them.

_NUM_WORDS = (r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|couple of|"
              r"ein|eine|einer|einem|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|mehreren|vielen|paar)")
_NUM = r"(?:\d+|" + _NUM_WORDS + r")"
_DURATION = r"(?:hours?|hrs?|days?|weeks?|months?|mins?|minutes?)"
_LOST_TIME = (r" (?:late|delay\w*|on (?:the )?(?:tarmac|hold|phone|plane|runway)|wait\w*|later|and counting|now|"
              r"already|in line|of my (?:life|time)|sitting|stuck)\b")
_DAUER = r"(?:stunden?|std|tagen?|wochen?|monaten?|minuten?|min)"

EN_STRONG = [
    r"\bon hold\b", r"\bhold (?:time|times|music)\b", r"\bhung up\b", r"\bcut off\b",
    r"\b(?:still|been|keep|kept|am|are|is|were|was) (?:waiting|sitting|stuck|on hold|trying)\b",
    # a duration that was waited or lost: "for 2 hours", "3 hrs late", "45 min on hold"
    r"\b(?:wait(?:ed|ing)?(?: for)?|spent|sat|sitting|stuck|been|another|more than|over|almost|nearly) "
    r"(?:\d+|" + _NUM + r")\+? ?" + _DURATION + r"\b",
    # (number-led and word-led forms are separate patterns: a leading \d lets `re` skip ahead fast)
    r"\d\+? ?" + _DURATION + _LOST_TIME, r"\b" + _NUM_WORDS + r" " + _DURATION + _LOST_TIME,
    r"\bno (?:one|body)\b", r"\bnobody\b",
    r"\bno (?:response|reply|answer|call ?back|update|updates|info|information|communication|help|explanation|"
    r"apology|compensation|refund|show|solution|resolution|power|wifi|wi-fi|food|water|crew|pilot|gate|agents?|"
    r"signal|service|coverage|reception|internet|connection|network|data)\b",
    r"\b(?:outage|outages|blackout)\b", r"\b(?:is|are|been|went|goes|still) down\b",
    r"\b(?:never|not|haven'?t|hasn'?t|didn'?t|did not|have not|has not|yet to) (?:heard|hear|got(?:ten)?|get|received|"
    r"receive|arrived|arrive|responded|respond|replied|reply|showed up|called back|came|come|answered|answer|fixed|"
    r"resolved|helped|refunded)\b",
    r"\b(?:lost|missing|damaged|broken|delayed|misplaced) (?:my |our |the |his |her )?(?:bag|bags|luggage|baggage|"
    r"suitcase|package|parcel|order|stroller|car ?seat)\b",
    r"\b(?:bag|bags|luggage|baggage|suitcase|package|parcel|order) (?:is |was |are |were |has been |have been |got |still )*"
    r"(?:lost|missing|damaged|never arrived|not here|nowhere)\b",
    r"\bmiss(?:ed|ing) (?:my |our |the |a )?(?:connection|connecting|flight|flights|appointment|delivery|meeting)\b",
    r"\bcharged (?:me |us )?(?:twice|double|two times|again)\b", r"\bdouble[- ]charged\b",
    r"\b(?:want|need|demand|where(?:'s| is)) (?:my |a |our )?(?:refund|money back|compensation|bags?|luggage)\b",
    r"\b(?:doesn'?t|does not|didn'?t|did not|won'?t|will not|can'?t|cannot|couldn'?t|isn'?t|is not|not) (?:\w+ )?"
    r"(?:work|working|load|loading|let me|open|log ?in|connect|get through|honou?r|accept|allow|help|helping|answer|respond)\b",
    r"\bshame on\b", r"\bwhat a joke\b", r"\bwhat(?:'s| is) the point\b", r"\bfor the (?:\d+(?:st|nd|rd|th)|second|third) time\b",
    r"\b(?:worst|terrible|horrible|awful|poor|lousy|bad|pathetic|appalling) (?:customer )?(?:service|experience|airline|"
    r"company|support|treatment)\b",
    r"\bnever (?:again|fly(?:ing)?|use|using|buy(?:ing)?|order(?:ing)?|book(?:ing)?)\b",
    r"\b(?:won'?t|will not|never) (?:be )?(?:fly(?:ing)?|book(?:ing)?|us(?:e|ing)|choos(?:e|ing)|recommend(?:ing)?|deal(?:ing)?)\b",
    r"\b(?:take|taking|took) (?:my|our) business\b", r"\b(?:switch(?:ing)?|go(?:ing)?) to (?:a )?(?:competitor|another)\b",
    r"\b(?:should|could|would) (?:have|'ve)\b", r"\b(?:should|could|would)'ve\b", r"\bdeserve(?:s|d)? better\b",
    r"\bdo better\b", r"\bbe honest\b", r"\bcome on\b", r"\bdropped the ball\b", r"\bget a clue\b",
    r"\bas usual\b", r"\ball the time\b", r"\b(?:hours|days|weeks) ago\b", r"\banyone (?:there|home|listening)\b",
    r"\b(?:received|got|get|getting) none\b", r"\bnon[- ]existent\b", r"\btoo long\b", r"\bfor ages\b",
    r"\bhow (?:can|could|come|dare) (?:you|they|it|u|your|a|an|the)\b",
]
EN_WEAK = [
    r"\bstill\b", r"\bagain\b", r"\bevery (?:single )?time\b", r"\bhow (?:long|many more)\b",
    r"\bwhen will\b", r"\bwhere(?:'s| is| are) (?:my|our|the)\b", r"\bwhy\b",
    # "for (almost) nothing" is a price, not a complaint
    r"\b(?:not|no|never|(?<!for )(?<!almost )(?<!next to )(?<!practically )nothing|cannot|cant|wont|dont|didnt|"
    r"doesnt|isnt|wasnt|havent|hasnt)\b", r"n't\b",
    r"\bcomplain\w*", r"\bcomplaint\b", r"\bissues?\b", r"\bproblems?\b", r"\bclaim\b",
    r"\bseriously\b", r"\bforced\b", r"\bwaste\w*\b", r"\bunable\b", r"\bwrong\b", r"\bagents?\b",
    r"\btold\b", r"\bsaid\b", r"\bsupposed to\b", r"\bexpect\w*\b", r"\bline\b", r"\bphone\b",
    r"\bcustomer service\b", r"\bsupervisor\b", r"\bmanager\b", r"\bhotel\b", r"\bvoucher\b",
    r"\btr(?:y|ied|ying) to\b", r"\bdown\b",
    # telling the company what it should do is a complaint in the imperative
    r"\bshould(?:n'?t)?\b", r"\bget (?:me|us) (?:off|out)\b", r"\bfix (?:this|it|the|your)\b", r"\bwhat gives\b",
    r"\bcharg(?:e|es|ed|ing) (?:me|us|for|extra)\b", r"\bif only\b",
    # any other duration in a message to customer service is usually time lost, unless it
    # says how fast something went ("fixed in five minutes", "within 2 days")
    r"\d\+? ?" + _DURATION + r"\b(?! ago)", r"\b(?<!\bin )(?<!within )" + _NUM_WORDS + r" " + _DURATION + r"\b(?! ago)",
]
DE_STRONG = [
    r"\bwarteschleife\b", r"\bwarte(?:n|t|st)? (?:schon |jetzt |nun |immer noch |noch )?(?:seit|über|mehr als)\b",
    r"\bseit (?:\d+|" + _NUM + r") " + _DAUER + r"\b", r"\b(?:\d+|" + _NUM + r") " + _DAUER + r" (?:warte|gewartet|verspätung|zu spät|später)",
    r"\bkeine (?:antwort|rückmeldung|reaktion|lieferung|erstattung|info|information|hilfe|lösung)\b",
    r"\b(?:niemand|keiner|kein mensch) (?:antwortet|meldet|hilft|geht ran|reagiert|kümmert)\b",
    r"\bnicht (?:erreichbar|angekommen|geliefert|erhalten|bekommen|zugestellt|reagiert|gemeldet|erstattet)\b",
    r"\b(?:doppelt|zweimal|2x|falsch) (?:abgebucht|berechnet|bezahlt|belastet)\b",
    r"\b(?:funktioniert|geht|klappt|läuft|lädt) (?:\w+ )?(?:nicht|nie|kaum)\b",
    r"\b(?:koffer|gepäck|paket|sendung|bestellung|lieferung) (?:ist |wurde |sind |ist immer noch )?(?:weg|verloren|"
    r"verschwunden|beschädigt|fehlt|nicht da)\b",
    r"\bschon wieder\b", r"\bwieder mal\b", r"\bmal wieder\b", r"\bimmer noch nicht\b", r"\bnoch immer nicht\b",
    r"\b(?:schlechtest\w*|mieser?|katastrophal\w*|unterirdisch\w*) (?:service|kundenservice|kundendienst|support)\b",
    r"\bnie wieder\b", r"\bgeld zurück\b", r"\b(?:rück)?erstattung\b", r"\bausgefallen\b", r"\bfällt aus\b",
    # outages, with the usual compounds spelled out (the matcher indexes whole words)
    r"\b(?:störung|störungen|netzstörung|netzstörungen|ausfall|ausfälle|netzausfall|stromausfall|totalausfall|"
    r"systemausfall|serverausfall|internetausfall|funkloch|funklöcher)\b",
    r"\bkein(?:e|en)? (?:netz|empfang|internet|signal|strom|verbindung|lte|5g|wlan|dsl)\b",
]
DE_WEAK = [
    r"\bwarum\b", r"\bwieso\b", r"\bweshalb\b", r"\bwann (?:endlich|kommt|wird)\b",
    r"\bbeschwer\w*", r"\breklam\w*", r"\bhotline\b", r"\bwarten\b", r"\bwarte\b",
    r"\bimmer noch\b", r"\bnoch immer\b", r"\bmahnung\b", r"\bkündig\w*",
    r"\?!|!\?|\?\?",
]

# Praise for service, often without a lexicon word ("went above and beyond", "Problem gelöst").
EN_PRAISE = [
    r"\babove and beyond\b", r"\b(?:went|go|going) the extra mile\b", r"\bmade my (?:day|week|trip)\b",
    r"\bsaved (?:the|my) (?:day|trip)\b", r"\b(?:solved|fixed|sorted|resolved) (?:my|the|our|it|everything)\b",
    r"\bproblem solved\b", r"\bno complaints\b",
    r"\bkeep up the (?:good|great|awesome|amazing) work\b", r"\b(?:good|great|nice|awesome|amazing) job\b", r"\bwell done\b",
    r"\b(?:shout ?out|kudos|props|hats off|thanks|thank you|thx) to\b", r"\b(?:thank you|thanks|thx) for (?:the |your )?"
    r"(?:help|helping|getting|making sure|taking care|quick|fast|great|rebooking|assistance|support|following up)\b",
]
DE_PRAISE = [
    r"\b(?:super|schnell|toll|gut|prima|kompetent) geholfen\b", r"\bproblem (?:ist )?gelöst\b",
    r"\bhat (?:alles )?(?:super |gut |prima )?geklappt\b", r"\b(?:danke|vielen dank|dank) (?:für|an) (?:die|den|eure|ihre) "
    r"(?:schnelle|nette|tolle|super|kompetente|freundliche|hilfe|unterstützung)", r"\bkeine beschwerden\b",
    r"\bweiter so\b", r"\bdaumen hoch\b",
]
# A negated complaint is reassurance, praise or eagerness; its negation and complaint words are no cues.
EN_REASSURANCE = [
    r"\bno worries\b", r"\bnot (?:your|ur) fault\b", r"\b(?:can'?t|cannot|nothing to|not much to) complain\b",
    r"\bnever (?:lets?|let) (?:me|us) down\b", r"\bnever disappoints?\b", r"\bno disappointments?\b",
    r"\b(?:can'?t|cannot) wait\b(?! (?:any ?longer|anymore|on hold|in line|forever|all day|much longer))",  # eagerness
]
# German needs none: it has no weak negation cue, and the lexicon's negation already turns
# "kein Problem" or "kann mich nicht beschweren" positive.
DE_REASSURANCE: list[str] = []

# Sarcasm. Explicit markers are never meant positively; "ironic praise" is only sarcastic when
# the same text also describes a service failure ("great service, on hold for 2 hours").
EN_SARCASM = [
    r"\bthanks? (?:you )?for nothing\b", r"#not\b", r"#sarcasm\b", r"\byeah,? right\b", r"\bjust what i needed\b",
    r"\bgot ?ta love\b", r"\b(?:great|nice|good|awesome|amazing) (?:job|work)\b.{0,30}\.\.\.? ?not\b",
    # understatement: the praise word is the yardstick the service missed ("less than friendly",
    # "helpful at best", "great on the phone, in person not so much")
    r"\b(?:less than|far from) (?:ideal|friendly|helpful|great|good|pleasant|perfect|stellar|impressive|satisfactory|"
    r"professional|acceptable|adequate|smooth|easy)\b", r"\bat best\b", r"\bnot so much\b",
    # thanking for a failure: "thanks for losing my bag", "thanks for the no running water"
    r"\b(?:thanks?|thx|thank u|ty)(?: you)?(?: \w+)? for (?:the |your |a |allowing |letting |having )?(?:no|not|nothing|never|losing|lost|"
    r"delay\w*|cancel\w*|stranding|ruining|wasting|another|yet|copy|canned|automated|generic|useless)\b",
]
EN_IRONIC = [
    r"\b(?:great|awesome|fantastic|amazing|wonderful|excellent|stellar|terrific|outstanding|superb)(?: customer)? "
    r"(?:service|job|work|experience|communication|system|policy|policies|planning|timing)\b",
    r"\bthanks a (?:lot|bunch|ton)\b", r"\b(?:love|loving) (?:how|that|when|the way|it when|being)\b", r"\bway to go\b",
    r"\b(?:good|nice|well) (?:job|done)\b", r"\bkudos\b", r"\bbravo\b", r"\bthanks? (?:again|so much)\b",
]
DE_SARCASM = [
    r"\bdanke für nichts\b", r"\b(?:vielen|herzlichen) dank auch\b", r"\bdanke auch\b",
    r"\bna (?:super|toll|klasse|prima|großartig|bravo)\b", r"\bläuft bei (?:euch|ihnen|dir)\b", r"\bganz großes kino\b",
    r"#ironie\b", r"#sarkasmus\b", r"\b(?:wäre|wär) (?:schön|nett|toll|super)\b",
]
DE_IRONIC = [
    r"\b(?:toll|super|klasse|großartig|grossartig|spitze|prima|hervorragend|wunderbar|genial)\w* "
    r"(?:service|kundenservice|leistung|gemacht|arbeit|job|kommunikation)\b",
    r"\bdanke,? @\w+", r"\bdanke (?:dafür|schön|sehr)\b", r"\bgut gemacht\b", r"\bbravo\b", r"\bweiter so\b",
]

# "Thanks" / "danke" in a question is a sign-off, not praise ("can I change my seat? thanks").
EN_POLITE = [r"\bthanks?\b", r"\bthank you\b", r"\bthx\b", r"\bty\b", r"\btia\b", r"\bcheers\b", r"\bappreciate\b"]
DE_POLITE = [r"\bdanke\w*", r"\bvielen dank\b", r"\bmerci\b", r"\blg\b", r"\bgrüße\b", r"\bgruß\b"]

# An information question names a problem as its topic rather than judging it ("is flight 345
# cancelled?", "wird mein Paket heute geliefert?"); rhetorical why/how-come questions are not.
EN_INFO_QUESTION = [
    r"(?:^|[.!?,;:\u2013\u2014-]\s+|^(?:\.?@\w+\s+)+)(?:can|could|is|are|do|does|will|would|when|what|where|which|any|has|have|if|hi|"
    r"hello|hey)\b",
    r"(?:^|[.!?,;:\u2013\u2014-]\s+|^(?:\.?@\w+\s+)+)how (?:do|does|can|long|much|many) (?:i|we|one|my|our)\b",
    r"(?:^|[.!?,;:\u2013\u2014-]\s+|^(?:\.?@\w+\s+)+)should (?:i|we)\b",
]
EN_RHETORIC = [r"\bwhy\b", r"\bhow come\b", r"\bwhat gives\b", r"\bhow (?:can|could|dare) (?:you|they|u)\b", r"\bwhat(?:'s| is) the point\b",
               r"\bseriously\b", r"\?\?|\?!|!\?"]
DE_INFO_QUESTION = [
    r"(?:^|[.!?,;:\u2013\u2014-]\s+|^(?:\.?@\w+\s+)+)(?:kann|kannst|könnt|können|ist|sind|gibt|habt|hat|wird|werden|wann|was|wo|"
    r"welche\w*|hallo|hi|hey|moin|weiß|weiss)\b",
    r"(?:^|[.!?,;:\u2013\u2014-]\s+|^(?:\.?@\w+\s+)+)wie (?:kann|lange|viel)\b",
]
DE_RHETORIC = [r"\bwarum\b", r"\bwieso\b", r"\bweshalb\b", r"\bwie kann (?:man|ihr|es)\b", r"\bsoll das\b",
               r"\?\?|\?!|!\?"]

# Requests, conditions and hopes: what follows is wanted, not experienced ("please get me on the
# next flight", "if you find my bag I'll be happy", "hoping for good news"). With a question they
# make positive words count only partly (service.ServiceSignals.asks). English only.
EN_WANTS = [r"\bif\b", r"\bhop(?:e|ing)\b", r"\bwish\b", r"\bfingers crossed\b", r"\bcrossed fingers\b",
            r"\bplease\b", r"\bpls\b", r"\bplz\b"]

# A post that links somewhere without speaking in the first or second person is usually news
# or a promotion ("X adds route to Y http://..."), whose wording is not the poster's opinion.
EN_PERSONAL = [r"\bi\b", r"\bu\b", r"\b(?:im|my|me|mine|we|our|us|you|your|ur|yall|ya)\b"]
DE_PERSONAL = [r"\b(?:ich|mein\w*|mir|mich|wir|uns|unser\w*|du|dein\w*|dich|dir|ihr|euch|euer|eure\w*)\b"]
