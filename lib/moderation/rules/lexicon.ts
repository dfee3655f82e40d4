// Word lists behind the rule queue. Kept short and specific on purpose: a word
// here must be an attack when aimed at a person, not merely a strong word.

/** Insults that attack a person's intelligence or character (English and Spanish). */
export const insultWords = [
  "idiot", "idiots", "moron", "morons", "imbecile", "imbeciles", "cretin", "fool", "fools", "dumbass", "dumb", "stupid", "retard", "retarded",
  "clown", "clowns", "shill", "shills", "hack", "hacks", "liar", "liars", "lying", "loser", "losers", "troll", "trolls", "scum", "scumbag",
  "coward", "cowards", "pathetic", "ignorant", "brainwashed", "sheep", "bootlicker", "bootlickers", "puppet", "stooge", "halfwit", "nitwit",
  "dimwit", "dolt", "buffoon", "jackass", "degenerate", "lowlife", "parasite", "grifter", "fraud", "charlatan", "propagandist", "useful idiot",
  "paid shill", "paid troll", "bot", "worthless", "disgusting", "vile", "creep", "pig", "rat", "snake", "weasel", "hypocrite", "delusional",
  "idiota", "idiotas", "imbécil", "imbecil", "estúpido", "estupido", "estúpida", "tonto", "tonta", "payaso", "payasa", "vendido", "vendida",
  "brat", "clueless", "spineless", "hysterical", "brainless", "baboon", "lunatic", "deranged", "unhinged", "commie", "gremlin", "leech",
  "freak", "filth", "cretins", "sockpuppet", "tankie", "pathetic excuse", "nutjob", "nutcase", "psycho", "dunce", "airhead",
  "ignorante", "mentiroso", "mentirosa", "cobarde", "basura", "lacayo", "títere", "gusano", "rata", "pendejo", "pendeja", "tarado", "tarada",
] as const;

/** Words that point at a person: pronouns, and nouns for the people a comment section talks to and about. */
export const personWords = [
  "you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya", "he", "him", "his", "himself", "she", "her", "hers", "herself", "they",
  "them", "their", "themselves", "whoever", "tú", "tu", "te", "ti", "usted", "ustedes", "vos", "él", "ella", "ellos", "ellas",
  "author", "authors", "writer", "writers", "journalist", "journalists", "reporter", "reporters", "columnist", "columnists", "editor", "editors",
  "moderator", "moderators", "commenter", "commenters", "poster", "people", "person", "guy", "guys", "man", "men", "woman", "women", "folks",
  "lady", "dude", "mayor", "councillor", "minister", "president", "senator", "politician",
  "politicians", "leftists", "liberals", "conservatives", "lefties", "libtards", "snowflakes", "boomers", "periodista", "periodistas", "autor",
  "autora", "señor", "señora", "tipo", "gente",
] as const;

/** Phrases that degrade or harass whoever they are aimed at. */
export const abusivePhrases = [
  "shut up", "shut your mouth", "shut your trap", "piece of shit", "piece of garbage", "piece of trash", "piece of crap", "waste of space",
  "waste of oxygen", "nobody wants you", "no one wants you", "crawl back", "go away troll", "get lost", "go to hell", "drop dead",
  "kill yourself", "kys", "you make me sick", "get a brain", "go back to school", "learn to read", "cállate", "callate", "vete a la mierda",
  "lárgate", "largate", "escoria", "subhuman", "sub-human", "vermin", "crawl into a hole", "just disappear", "get a life",
  "nobody will miss you", "no one will miss you", "take your meds", "nobody asked for your opinion", "nobody cares about you",
  "go cry", "you're filth", "you are filth", "until you leave this site", "until you quit", "follow you onto every", "follow you to every",
  "makes this thread dumber", "go die", "die in a hole", "fuck off", "fuck you", "piss off", "screw you", "up yours", "vete a la verga",
] as const;

/**
 * Words that name a topic a news site reports on (sexual violence, crime,
 * health): never swearing or abuse by themselves, whatever profanity lists or
 * a model trained on tweets say. Matched as whole words, with these endings.
 */
export const topicWordPattern = /\b(?:sex(?:ual(?:ly)?|es)?|rap(?:e|es|ed|ing|ist|ists)|penis(?:es)?|vagina[sl]?|porn(?:ography|ographic)?|semen|orgasms?|incest|masturbat(?:e|es|ed|ing|ion)|anal)\b/giu;

/** Crimes and grave wrongdoing that, asserted as fact about a named person, may defame them. */
export const crimeNouns = [
  "thief", "crook", "criminal", "murderer", "killer", "rapist", "pedophile", "paedophile", "terrorist", "drug trafficker", "drug dealer",
  "narco", "narcotrafficker", "ladrona", "on the government payroll", "on the payroll", "money launderer", "embezzler", "fraudster", "war criminal", "child abuser", "gangster", "mobster",
  "ladrón", "ladron", "asesino", "asesina", "criminal", "narcotraficante", "violador", "terrorista", "corrupto", "corrupta",
] as const;

/** Verbs of crime and grave wrongdoing, in the past or present tense. */
export const crimeVerbs = [
  "stole", "steals", "stolen", "embezzled", "embezzles", "laundered", "launders", "murdered", "murders", "killed", "raped", "rapes",
  "took bribes", "takes bribes", "bribed", "bribes", "rigged", "rigs", "defrauded", "trafficked", "traffics drugs", "tortured",
  "ordered the killings", "ordered the killing", "ordered the murder", "paid the gangs", "paid off", "was paid off", "pocketed",
  "fabricated", "faked", "falsified", "took five million", "took millions", "took money", "launders", "laundered the money",
  "robó", "se robó", "asesinó", "violó", "lavó dinero",
] as const;

/** Words that hedge a claim into opinion or reported allegation. */
export const hedgeWords = [
  "allegedly", "alleged", "alleges", "reportedly", "reported", "according to", "claims", "claimed", "claim", "accused", "accuses",
  "accusation", "i think", "i believe", "i suspect", "in my opinion", "imo", "seems", "appears", "might", "may have", "could have",
  "if ", "whether", "suggests", "investigat", "charged with", "presuntamente", "según", "supuestamente", "creo que", "dicen que",
] as const;

/** Protected groups, as haters name them (plural forms). */
export const protectedGroups = [
  "venezuelans", "venezuelan", "migrants", "immigrants", "refugees", "mexicans", "latinos", "hispanics", "colombians", "cubans", "jews",
  "muslims", "arabs", "blacks", "black people", "asians", "chinese", "gays", "gay people", "lesbians", "trans people", "transgenders",
  "women", "girls", "christians", "catholics", "indians", "indigenous people", "natives", "africans", "palestinians", "israelis",
  "the disabled", "disabled people", "venezolanos", "venezolanas", "inmigrantes", "migrantes", "judíos", "judios", "musulmanes",
  "mujeres", "negros", "indios", "gays", "maricones", "colombianos", "cubanos",
] as const;

/** Dehumanising words used about groups. */
export const dehumanisingWords = [
  "animals", "vermin", "rats", "parasites", "cockroaches", "roaches", "subhuman", "savages", "filth", "scum", "a disease", "a plague",
  "a cancer", "garbage", "trash", "apes", "monkeys", "dogs", "pigs", "inferior", "ratas", "basura", "animales", "parásitos", "parasitos",
  "plaga", "escoria", "cucarachas",
] as const;

/** Slurs that attack a group on their own, whoever they are aimed at. */
export const slurs = [
  "nigger", "niggers", "nigga", "niggas", "faggot", "faggots", "fag", "fags", "kike", "kikes", "spic", "spics", "wetback", "wetbacks",
  "chink", "chinks", "tranny", "trannies", "raghead", "ragheads", "towelhead", "sand nigger", "beaner", "beaners", "gook", "dyke",
  "retards", "homos", "homo", "maricón", "maricon", "sudaca", "sudacas", "veneco", "venecos", "mongólico",
] as const;

/** Self-promotion typical of comment spam. */
export const promotionPhrases = [
  "check out my channel", "check my channel", "subscribe to my", "visit my website", "visit my site", "follow me on", "click here",
  "click the link", "earn money", "make money", "earn $", "per day from home", "work from home", "buy followers", "cheap followers",
  "free followers", "promo code", "limited offer", "dm me for", "whatsapp me", "telegram me", "crypto giveaway", "double your bitcoin",
  "check out my", "suscríbete", "visita mi canal",
] as const;
