// French threat lexicon: data only (README.md beside this file: classes, syntax, sources). Mostly
// for news and translations of militant statements. Phrases are folded like the text: accents and
// case drop, and apostrophes vanish, so l'attaque reads «lattaque» and n'allons reads «nallons»
// (the elided negation therefore never matches the positive future). French text also gets the
// English lexicon (Latin script), so only French words are listed here.
import type { Lexicon } from '../lexicon-schema.js';

/** Infinitives of verbs of violence ("nous allons frapper", "il faut les tuer"). */
const INF = '(frapper|tuer|detruire|decimer|devaster|pulveriser|attaquer|bombarder|viser|cibler|bruler|ecraser|aneantir|venger|egorger|exterminer|massacrer|decapiter|eliminer|liquider|abattre|raser|traquer|pourchasser|assassiner|executer|incendier|poignarder|combattre|punir|faire payer|faire sauter|faire exploser|faire couler le sang|verser le sang|mettre le feu|rayer de la carte|reduire en cendres)';
/** First person plural future (frapperons) and singular (frapperai) of the same verbs. */
const FUT_STEMS = ['frapper', 'tuer', 'detruir', 'attaquer', 'bombarder', 'viser', 'cibler', 'bruler', 'ecraser', 'aneantir', 'venger', 'egorger', 'exterminer', 'massacrer', 'decapiter', 'eliminer', 'liquider', 'abattr', 'raser', 'traquer', 'pourchasser', 'assassiner', 'incendier', 'poignarder', 'combattr', 'punir', 'decimer', 'devaster', 'pulveriser'];
/** The group's own fighters ("nos combattants"), not the state's army ("nos soldats", "nos forces"). */
const OURS = '(combattants|moudjahidines|moudjahidin|mujahidin|moujahidines|moujahidin|freres|hommes|heros|lions|brigades|drones|missiles|roquettes|cellules|guerriers|chevaliers|cavaliers|commandos|fedayin|fedayins|fedayines|faucons|aigles|martyrs)';
/** Who a taunt says was made to tremble ("nos frères ont fait trembler l'occupant"). */
const ENEMY_OBJ = '(les mecreants|les infideles|les croises|les occupants|les ennemis|les sionistes|les apostats|les tyrans|les kouffar|les envahisseurs|les oppresseurs|loccupant|lennemi|lenvahisseur|loppresseur|le tyran|le regime|les traitres)';
/** Plural imperatives. */
const IMP = '(tuez|frappez|attaquez|egorgez|massacrez|detruisez|brulez|ciblez|visez|bombardez|abattez|decapitez|exterminez|ecrasez|combattez|pourchassez|traquez|poignardez|assassinez|incendiez|eliminez|punissez|chassez)';

export const fr: Lexicon = {
  lang: 'fr',
  sources: [
    'Le Robert and Larousse (senses of the verbs and nouns; sporting, medical and figurative uses)',
    'AFP and Le Monde style of attribution in reporting on armed groups (selon, a affirmé, dans un communiqué, sur sa chaîne Telegram; phrasing only, no text copied)',
    'French translations of militant statements as quoted in news coverage (stock formulas of threats, claims and commemorations; phrasing only)',
  ],
  cues: {
    first_person: ['nous', 'je', 'notre', 'nos', 'moi', 'nous memes', 'on', 'jai', 'jappelle', 'javertis'],
    our_side: [
      `nos ${OURS}`,
      'la resistance islamique', 'la resistance', 'les moudjahidines', 'les moudjahidin', 'les soldats du califat', 'laxe de la resistance', 'les brigades', 'les lions de',
    ],
    future: ['allons', 'vais', 'va', 'irons', 'bientot', 'sous peu', 'prochainement', 'sont en route', 'arrivons', 'arrivent'],
    violence_verb: [
      INF, ...FUT_STEMS.map((s) => `${s}(ons|ai|ont|a)`), IMP, 'frappe', 'frappent', 'attaque', 'attaquent', 'detruit', 'detruisent', 'tue', 'tuent', 'massacre', 'brule',
      'mettrons le feu', 'ferons (payer|sauter|exploser|couler le sang)', 'tirer sur', 'tirerons sur', 'jihad', 'djihad', 'guerre sainte',
      'reprendr(ons|ont|a|ai) (les armes|la lutte armee|le combat arme|le jihad|le djihad)', 'prendr(ons|ont|a) les armes', 'feront (payer|sauter|exploser|couler le sang)', 'mettront le feu',
    ],
    violence_noun: [
      'attaque', 'attaques', 'lattaque', 'dattaque', 'attentat', 'attentats', 'lattentat', 'explosion', 'lexplosion', 'massacre', 'assassinat', 'lassassinat', 'operation', 'operations',
      'loperation', 'raid', 'raids', 'embuscade', 'frappe', 'frappes', 'bombardement', 'bombardements', 'tuerie', 'carnage', 'assaut', 'lassaut', 'jihad', 'djihad', 'guerre', 'bataille',
      'invasion', 'conquete', 'ghazwa', 'represailles', 'operation martyre', 'attentat suicide', 'tirs de roquettes', 'frappe de drone',
    ],
    weapon: [
      'arme', 'armes', 'larme', 'armement', 'armements', 'fusil*', 'kalachnikov*', 'explosif*', 'bombe', 'bombes', 'ceinture* explosive*', 'voiture* piegee*', 'engin* explosif*',
      'roquette*', 'missile*', 'drone*', 'munitions', 'grenade*', 'mortier*', 'lance roquettes', 'rpg',
    ],
    we_will_violence: [
      ...FUT_STEMS.map((s) => `${s}(ons|ai)`), 'mettrons le feu', 'ferons (payer|sauter|exploser|couler le sang)', 'nous vous (aurons|trouverons|egorgerons|massacrerons)',
      'on va (les|vous|le|la|te|) (tuer|frapper|egorger|massacrer|bruler|detruire|exploser|buter|crever|faire sauter)', 'nous arrivons', 'nous venons (vous|les) (egorger|tuer|chercher)', 'reprendrons (les armes|la lutte armee|le jihad|le djihad)',
      `nos ${OURS} [*] (${FUT_STEMS.join('|')})ont`, `nos ${OURS} [*] (reprendront (les armes|la lutte|la lutte armee|le combat|le jihad)|mettront le feu|feront (payer|sauter|exploser|couler le sang))`,
    ],
    imperative_violence: [
      `^${IMP} (les|le|la|tous|toutes|chaque|ces|leurs|leur|l|un|une|ceux|quiconque|partout|eux|lennemi|loccupant|les occupants|les croises|les mecreants|les apostats|les sionistes|les juifs|les americains|les soldats|lambassade)`,
      `${IMP} les`, `${IMP} (les|lennemi|loccupant) partout`, 'prenez les armes', 'levez vous et (combattez|frappez|tuez|attaquez|brulez)', 'mettez le feu', 'faites [les] payer',
      'faites couler (le|leur) sang', 'versez leur sang', 'egorgez les', 'tuez les tous',
    ],
    veiled_threat: [
      '(paieront|payeront|paierez|payerez|paiera|payera|vont payer|allez payer|va payer) (le prix|cher|tres cher|pour (leurs|leur|ses|son|sa|vos|votre|tes|ton|ce|cette|ces|chaque|chacun)|de (leur|leurs|votre|vos|sa|son|ses) (sang|vie|vies|crimes))', 'payer le prix fort', 'le prix (fort|du sang)', 'un lourd tribut',
      '(vos|leurs|ses) jours sont comptes', 'jours sont comptes', 'ce qui (vient|arrive) est (pire|plus grand|plus terrible)', 'le pire est a venir', 'le pire reste a venir', 'vous avez ete prevenus',
      'vous etes prevenus', 'ils sont prevenus', '(regretterez|regretteront|regrettera)', 'ne (dormiront|dormirez|dormira) plus', 'ne (seront|serez|sera) [plus] [jamais] en securite',
      'nulle part en securite', 'cible* legitime*', 'objectif* legitime*', 'dans notre (viseur|ligne de mire)', 'a portee de nos', 'riposte (severe|ecrasante|foudroyante|terrible|douloureuse|cinglante)',
      'reponse (severe|ecrasante|foudroyante|terrible|douloureuse|cinglante)', 'au moment et (a|au) (lendroit|lieu) (de notre choix|que nous choisirons|opportun)', 'au moment opportun',
      'mort a', 'mort aux', 'leur sang est (licite|permis)', 'des rivieres de sang', 'un cimetiere pour', 'un enfer pour', 'transformer en enfer', 'bruleront en enfer', 'ne restera pas impuni*',
      'ne resteront pas impuni*', 'restera pas sans reponse', 'aura (son|notre) mot a dire', 'aurons notre mot', 'heure de la vengeance', 'nous arrivons', 'attendez (notre|la) (reponse|vengeance)',
      // "we know where you live", "prepare your shrouds", "you will pay for it dearly"
      '(nous savons|on sait) ou (vous|tu|ils|elles|il|elle) (habite*|vivez|vit|vivent|vis|dor*|travaill*|se cache*|vous cachez|te caches)',
      '(preparez|preparez bien) (vos|leurs) (linceuls|cercueils|tombes)', 'vos (linceuls|cercueils)', '(le sol|la terre) (brulera|tremblera) sous (vos|leurs|ses|tes) pieds',
      'dormez (bien|tranquilles|en paix) tant que vous [le] pouvez', '(on|nous) (va|allons|vont) (te|vous|leur|lui) faire la peau', '(on|nous) (aura|aurons) (ta|votre|leur|sa|vos|leurs) peau',
      '(vous allez|tu vas|ils vont) (crever|le payer cher|le payer de (votre|ta|leur) vie|le regretter amerement)', '(vous le|tu le|ils le) (paierez|payerez|paieras|payeras|paieront|payeront) (cher|tres cher|de (votre|ta|leur) vie)', 'une lecon quils noublieront', 'seront (aneantis|detruits|ecrases|punis|chasses|egorges|balayes|frappes|vises|cibles)', 'sera (aneanti|detruit|ecrase|puni|frappe|vise|cible|raye de la carte)',
      'seront (aneanties|rayes de la carte|rayees de la carte)', 'sera (aneantie|rayee de la carte)',
      '(deviendra|deviendront|sera|seront) (votre|vos|leur|leurs|ton|ta|tes) (tombe|tombes|tombeau|tombeaux|cimetiere|cercueil|cercueils)',
    ],
    ultimatum: [
      'sinon', 'faute de quoi', 'avant quil ne soit trop tard', 'avant quil soit trop tard', 'dernier avertissement', 'ultime avertissement', 'ultimatum', 'nous avertissons', 'javertis',
      'ceci est un avertissement', 'si (vous|ils|le|la|les|votre|leur|washington|paris) (ne|persist*|continu*|os*|refus*)', 'si (la france|letat|le gouvernement|les autorites|lamerique|israel|loccupant|lennemi|le regime|les troupes|larmee|les forces|les croises|les occupants|les sionistes|lentite) [*] [*] (ne|persiste*|continue*|ose*|refuse*|sobstine*)',
      'tant que (vous|ils|loccupant|lennemi) (occupe*|resterez|resteront|restera|persist*)', 'quittez (notre|nos|le|la|immediatement)', 'retirez vous', 'partez',
      'aura son mot a dire', 'vous avez (jusqua|jusque)', 'delai de',
    ],
    enemy: [
      'occupant*', 'loccupant', 'occupation', 'loccupation', 'croise', 'croises', 'les croises', 'mecreant*', 'infidele*', 'kouffar', 'kafir*', 'apostat*', 'tyran*', 'taghout', 'sionist*',
      'lentite sioniste', 'lennemi', 'ennemi', 'ennemis', 'les ennemis', 'ennemis (de dieu|dallah|de lislam)', 'le grand satan', 'envahisseur*', 'traitre*', 'collabos', 'collaborateurs',
      'les americains', 'lamerique', 'amerique', 'americain*', 'israel', 'israelien*', 'les juifs', 'le regime', 'les oppresseurs', 'imperialist*', 'washington', 'lambassade', 'ambassade*',
      'la france', 'francais', 'la croisade', 'les polytheistes', 'rafidites', 'nosayris',
    ],
    call: [
      'o (jeunes|musulmans|freres|croyants|lions|fils|peuple|oumma|hommes|moudjahidines|heros)', 'il est (du|de notre|de votre|le) devoir', 'levez vous', 'prenez les armes', 'repondez a lappel',
      'nous appelons', 'jappelle', 'appelons (tous|chaque|les)', 'chaque (musulman|croyant|frere|homme libre)', 'tout musulman', 'partout ou vous les trouvez', 'ou que vous soyez',
      'avec ce que vous avez', 'avec tout ce que vous avez', 'lheure nest plus aux (discours|paroles|mots|larmes|lamentations)', 'assez de (discours|paroles)', 'place a laction', 'loups solitaires', 'lheure est venue', 'le moment est venu', 'il est temps de', 'mobilisez vous', 'ne restez pas (les bras croises|silencieux)',
    ],
    duty: ['devoir', 'obligation', 'obligatoire', 'fard', 'il faut', 'doit', 'doivent', 'incombe', 'est tenu'],
    offer: [
      '(pret|prets|prete|pretes|dispose|disposes|disponible*) a (former|fournir|entrainer|armer|envoyer|aider|soutenir|financer|conseiller|accueillir|equiper|offrir|donner|heberger|partager|transmettre)',
      'nous offrons', 'nous proposons', 'proposons de', 'offrons de', 'nous fournirons', 'fournirons', 'nous enverrons', 'enverrons', 'financerons', 'armerons', 'formerons', 'equiperons',
      'a la disposition', 'a (votre|leur) disposition', 'nos portes sont ouvertes', 'faites un don', 'faites des dons', 'donnez [genereusement] (pour|a)', 'soutenez (les|nos)', 'contribuez',
    ],
    support_noun: [
      'former', 'formation', 'formations', 'entrainement*', 'entrainer', 'conseil*', 'expertise', 'savoir faire', 'armes', 'armement', 'munitions', 'fonds', 'financement', 'argent', 'dons',
      'refuge', 'abri', 'abris', 'planque*', 'caches', 'camp', 'camps', 'explosifs', 'logisti*', 'equipement*', 'equiper', 'soutien', 'instructeurs', 'combattants', 'drones', 'missiles',
      'roquettes', 'hebergement', 'passeports', 'armer',
    ],
    beneficiary: [
      'mouvements de liberation', 'mouvements', 'moudjahidines', 'moudjahidin', 'combattants', 'resistants', 'la resistance', 'freres', 'nos freres', 'quiconque', 'tous ceux qui', 'ceux qui',
      'revolutionnaires', 'rebelles', 'insurges', 'groupes armes', 'factions', 'au coeur de (lamerique|leurope|la france)', '(en|aux) (amerique|europe|france|etats unis)', 'loups solitaires',
      'opprimes', 'la cause',
    ],
    claim: [
      'nous revendiquons', 'revendiquons', 'revendique (lattaque|lattentat|loperation|la responsabilite|lassassinat|lexplosion|les tirs|le tir|lassaut|la frappe|lembuscade)',
      '(assumons|assume|endossons) la responsabilite', 'la responsabilite de (lattaque|lattentat|loperation|lassassinat|lexplosion)', 'nous avons (frappe|attaque|vise|cible|detruit|tue|abattu|bombarde|mene|execute|elimine|egorge)',
      'avons mene (lattaque|loperation|lattentat)', 'par la grace (de dieu|dallah)', 'grace a dieu nos',
      '(mene|menee|menees|realise|realisee|execute|executee) par nos (combattants|moudjahidines|moudjahidin|mujahidin|moujahidines|fedayin|fedayins|freres moudjahidines)',
      '(loeuvre|oeuvre) de nos (combattants|moudjahidines|moudjahidin|mujahidin|fedayin|fedayins)',
    ],
    attack_past: [
      'ont (frappe|attaque|vise|cible|detruit|tue|abattu|bombarde|mene|execute|elimine|egorge|pris dassaut|fait exploser|fait sauter|incendie|decime|devaste|pris pour cible|mis le feu|reduit en cendres)', 'a (frappe|attaque|vise|cible|detruit|tue|abattu|bombarde)',
      'avons (frappe|attaque|vise|cible|detruit|tue|abattu|bombarde)', 'pris dassaut', 'fait exploser', 'fait sauter', 'pris pour cible', `(ont fait|font) trembler ${ENEMY_OBJ}`, 'abattu', 'detruit', 'tue', 'cible', 'vise', 'frappe', 'attaque',
    ],
    recruit: [
      'rejoignez', 'rejoindre', 'rejoins', 'engagez vous', 'enrolez vous', 'enrolez', 'sengager', 'senroler', 'hijra', 'faites la hijra', 'emigrez', 'contactez nous', 'ecrivez nous',
      'inscrivez vous', 'portez vous volontaire', 'volontaires', 'venez [nous] rejoindre', 'la caravane', 'devenez (un|lun) de', '(en|par) (message|messages) prive*', 'en (mp|dm|prive)', 'contactez (ladmin|ladministrateur|le canal|nos freres)',
    ],
    cause: [
      'rangs', 'nos rangs', 'les rangs', 'jihad', 'djihad', 'moudjahidines', 'moudjahidin', 'la resistance', 'le front', 'la ligne de front', 'le combat', 'la lutte armee', 'le califat',
      'la cause', 'les brigades', 'notre (mouvement|groupe|brigade|armee|lutte|combat|cause)', 'champ de bataille', 'la caravane', 'le martyre', 'la terre du jihad', 'la guerre sainte', 'le jihad', 'le djihad',
      '(pret|prets|prete|pretes) a (combattre|mourir|donner (leur|sa|ta|votre) vie|prendre les armes|verser (leur|son|votre) sang|tout sacrifier|tomber en martyr*)',
      '(pret|prets|prete|pretes) a se battre pour (la patrie|dieu|allah|la cause|la oumma|notre terre|leur terre|la terre|la liberation|lislam|la religion|le califat)',
    ],
    glory: [
      'gloire', 'glorieux', 'glorieuse', 'heros', 'heroique*', 'operation benie', 'attaque benie', 'benie', 'beni', 'lions', 'que dieu (les|l|le|la) accepte', '(quallah|que allah|que dieu|qu allah) (accepte|agree|recompense|benisse|fasse misericorde)', 'que leur exemple', 'paradis', 'honneur*',
      'saluons', 'felicit*', 'fiers', 'fierte', 'legende*', 'immortel*', 'eternel*', 'louange*', 'victoire', 'victorieux', 'braves', 'vaillant*', 'bravo', 'modele', 'exemple', 'gloire aux',
    ],
    martyr: ['martyr*', 'chahid', 'shahid', 'chouhada', 'istishhad*'],
    vow: [
      'noublierons (jamais|pas)', 'noublierons', 'ne pardonnerons', 'jamais oublier', 'vengeance', 'venger*', 'vengerons', 'leur sang', 'sang ne sera pas', 'dette de sang', 'suivrons (leur|son) chemin',
      'sur leur chemin', 'poursuivrons (leur|son|le) (combat|chemin|oeuvre)', 'le combat continue', 'la lutte continue', 'nous le jurons', 'serment', 'ne sera pas vain', 'pas verse en vain',
    ],
    gloat: [
      'nest que le debut', 'que le debut', 'le debut de la fin', 'lont [bien] merite', 'bien merite', 'chatiment divin', 'punition divine', 'rejouiss*', 'humili*', 'effondrement', 'seffondre',
      'justice divine', 'ce quils meritent', 'gouter a leur propre', 'qui (ont fait|font|firent|vont faire) trembler', '(mis|mise|mises|mettre) a genoux', 'en deroute', 'la peur a change de camp',
    ],
    report_verb: [
      'a declare', 'ont declare', 'a affirme', 'ont affirme', 'selon', 'a annonce', 'ont annonce', 'a ecrit', 'ont ecrit', 'a menace', 'ont menace', 'menace de', 'a revendique', 'ont revendique',
      'aurait', 'auraient', 'a dit', 'ont dit', 'a indique', 'ont indique', 'a precise', 'a ajoute', 'a assure', 'a averti', 'ont averti', 'a prevenu', 'a promis', 'ont promis', 'a appele', 'ont appele',
      'a publie', 'ont publie', 'a poste', 'a diffuse', 'ont diffuse', 'affirme', 'declare', 'estime', 'rapporte', 'a rapporte', 'dapres', 'a en croire', 'citant', 'a salue', 'ont salue', 'a qualifie',
      'a exhorte', 'a jure', 'a lance', 'a proclame', 'assure', 'indique', 'precise', 'souligne', 'a souligne', 'explique', 'a explique', 'a revendique', 'revendiquee', 'revendique par', 'aurait revendique',
      'a t on appris', 'a t (il|elle) (dit|declare|ajoute|affirme|ecrit|precise|assure|indique|explique|averti|poursuivi|martele)', 'ont (ils|elles) (dit|declare|ajoute|affirme|precise|assure|indique)',
      '(a|ont) fait savoir', '(a|ont) mis en garde', 'met en garde', 'mettent en garde', 'se reclamant', 'a reconnu', 'a confirme', 'a promis de', 'menace', 'menacent', 'appelle', 'appellent', 'serait', 'seraient', 'presume*', 'selon laquelle', 'selon lequel',
    ],
    report_source: [
      'sur (sa|son|leur) (chaine|compte|page|canal|site|fil)', 'sur telegram', 'via telegram', 'chaine telegram', 'dans un (communique|message|enregistrement|post|tweet|discours|preche|entretien|audio|texte)',
      'dans une (video|declaration|interview|publication|allocution|lettre)', '(le|un|ce) communique', 'communique (publie|diffuse|signe)', 'AFP', 'Reuters', 'AP', 'agence france presse',
      'agence', 'lagence', 'medias', 'des sources', 'sources (securitaires|locales|proches|officielles)', 'a la presse', 'aux journalistes', 'traduit', 'traduction', 'capture decran',
      'de source (securitaire|policiere|judiciaire|proche|militaire|officielle|diplomatique)', 'une source proche', 'le figaro', 'journal le monde', 'france 24', 'rfi', 'bfmtv', 'memri', 'selon des',
    ],
    speaker_desc: [
      'milice*', 'chef', 'le chef', 'commandant', 'responsable', 'responsables', 'groupe', 'le groupe', 'porte parole', 'dirigeant*', 'leader', 'jihadiste*', 'djihadiste*', 'terroriste*',
      'extremiste*', 'insurge*', 'militants', 'lorganisation', 'organisation', 'faction', 'predicateur', 'ideologue', 'propagandiste*', 'analyste*', 'chercheur*', 'experts', 'la police',
      'les autorites', 'autorites', 'officiels', 'le suspect', 'lassaillant', 'le tireur', 'paramilitaire*',
    ],
    quote_intro: ['traduit', 'traduction', 'peut on lire', 'on peut lire', 'selon le texte', 'le texte', 'citation', 'je cite', 'extrait', 'affirmait', 'ecrivait', 'en ces termes', 'mot pour mot'],
    counter: [
      'condamne*', 'denonce*', 'rejet*', 'deplore*', 'ne (partagez|relayez|diffusez) pas', 'ne pas (partager|relayer|diffuser)', 'inacceptable', 'ridicule', 'lamentable', 'honte a', 'propagande',
      'irresponsable', 'lache', 'laches', 'odieux', 'odieuse', 'abject', 'solidarite avec', 'nous nous opposons', 'ne (represente|representent) (pas|en rien)', 'menaces en lair', 'fanfaronnade*',
      'bluff', 'rodomontade*', 'pathetique', 'absurde', 'grotesque', 'non a la violence', 'stop a la violence', 'halte a', 'apologie du terrorisme',
    ],
    negator: ['ne', 'pas', 'jamais', 'aucun', 'aucune', 'ni', 'sans', 'personne', 'rien', 'non', 'nullement'],
    denial: [
      'dementi*', 'dement', 'dementons', 'nions', 'nie', 'nient', 'niant', 'aucune intention', 'pas lintention', 'aucun lien', 'aucun role', 'navons rien a voir', 'rien a voir', 'ne sommes pas (derriere|responsables|impliques)',
      'pas responsables', 'faux communique', 'fausse (information|nouvelle|revendication)', 'fabrique de toutes pieces', 'infonde*', 'renoncons', 'renonce a', 'nous desolidarisons', 'se desolidarise',
      'navons (pas|jamais|rien) (mene|commis|revendique|menace|attaque|frappe|vise|cible|tue|pris les armes)', 'ne sommes pas les auteurs', 'nest pas (notre|de notre) (fait|oeuvre)',
    ],
    hypothetical: [
      'et si', 'imaginons', 'imaginez', 'supposons', 'hypothetique*', 'hypothese', 'scenario', 'si quelquun', 'si un groupe', 'dans (un|une|le|la) (film|roman|jeu|serie|fiction|simulation|exercice)',
      'fiction', 'en theorie', 'jeu de role', 'exercice',
    ],
    modal: ['pourrait', 'pourraient'],
    question_word: ['est ce que', 'pourquoi', 'comment', 'quand', 'qui', 'quoi', 'faut il', 'va t il', 'vont ils', 'peut on'],
    partisan: [
      'suivez nous', 'abonnez vous', 'rejoignez (notre|la) chaine', 'partagez', 'diffusez', 'faites tourner', 'repost*', 'urgent', 'flash', 'que dieu (le|les) protege', 'notre (cheikh|emir|commandant|chef)',
      'notre chaine officielle', 'pour ceux qui ont rate', 'rejoignez (notre|le) canal', 'relayez [massivement|largement]', 'faites passer', 'avant suppression',
    ],
    benign: ['eliminez (les|vos) (depenses|couts|frais|erreurs|dechets|taches|bugs)', '(reduisez|eliminez) les', 
      '(crise|attaque) (cardiaque|dasthme|de panique|dangoisse|de goutte|de migraine)', 'crise de foie', 'cest une bombe', 'une vraie bombe', 'la bombe', 'bombe (a retardement|calorique|de bain)',
      'tuer le temps', 'tue le game', 'a tue le game', 'cartonn*', 'faire un carton', 'mourir de rire', 'mort de rire', 'attaquant*', 'frappe (de balle|enroulee|cadree|puissante|lointaine)',
      'coup franc', 'tir au but', 'tirs au but', 'explos* (les compteurs|le score|de rire|de joie)', 'bombarder de questions', 'guerre des prix', 'guerre commerciale', 'public cible', 'cible marketing',
      'cibler (les clients|le marche|une audience|les consommateurs|les jeunes)', 'tirer (une conclusion|les lecons|profit|parti|au sort|le portrait)', 'executer (un|le|ce) (plan|programme|ordre|contrat|script|code)',
      '(combattre|combat contre|lutte contre|lutter contre|guerre contre) (le|la|les) (cancer|pauvrete|virus|corruption|maladie|drogue|chomage|faim|terrorisme|desinformation|incendies|feux)',
      'assassiner (une|la|cette) (chanson|melodie)', 'massacre* (une|la|cette) (chanson|recette)', 'detruire (le|la) (record|defense adverse)', 'operation (chirurgicale|du coeur|de la hanche|escargot|sauvetage|de sauvetage|marketing|commerciale|promotionnelle)',
      'feu dartifice', 'coup de feu de depart', 'jeu video', 'jeux video', 'bombe de peinture', 'attaque (de|du) (psg|barca|real|lom|lequipe)', 'lattaque (du|de) (psg|barca|real|lom|lequipe)',
    ],
    benign_domain: [
      'match', 'equipe', 'ligue', 'championnat', 'entraineur', 'buteur', 'but', 'buts', 'saison', 'joueur*', 'supporters', 'stade', 'tournoi', 'coupe', 'echecs', 'football', 'foot', 'basket',
      'rugby', 'tennis', 'hopital', 'medecin*', 'patient*', 'chirurgie', 'chirurgien*', 'medical', 'maladie', 'cancer', 'traitement', 'vaccin*', 'clinique', 'console', 'film', 'serie', 'album',
      'concert', 'examen', 'recette', 'cuisine', 'restaurant', 'startup', 'marketing', 'ventes', 'bourse', 'investisseur*', 'election*', 'campagne electorale', 'historien*', 'siecle', 'moyen age',
      'napoleon', 'manuel dhistoire', 'jeu', 'gaming', 'logiciel', 'antivirus', 'pirates informatiques', 'cyberattaque*',
    ],
    religious: [
      'paix sur lui', 'que la paix soit sur (lui|elle|eux)', 'imam hussein', 'imam husayn', 'achoura', 'ashura', 'karbala', 'kerbala', 'fatima', 'ahl al bayt', 'muharram', 'mouharram', 'le prophete',
      'arbaine', 'commemoration religieuse',
    ],
  },
  rules: [
    { id: 'fr.threat.we_will_violence', category: 'threat', weight: 0.75, all: ['first_person', 'future', 'violence_verb'], ordered: true, window: 7, none: ['benign_domain'] },
    { id: 'fr.threat.simple_future', category: 'threat', weight: 0.75, all: ['we_will_violence'], none: ['benign_domain'] },
    { id: 'fr.threat.veiled_enemy', category: 'threat', weight: 0.7, all: ['veiled_threat', 'enemy'], window: 14 },
    { id: 'fr.threat.veiled_own_voice', category: 'threat', weight: 0.6, all: ['veiled_threat', 'first_person'], window: 12, none: ['benign_domain'] },
    { id: 'fr.threat.veiled', category: 'threat', weight: 0.45, all: ['veiled_threat'], none: ['benign_domain'] },
    { id: 'fr.threat.ultimatum_violence', category: 'threat', weight: 0.65, all: ['ultimatum', 'violence_verb'], window: 16, none: ['benign_domain'] },
    {
      id: 'fr.threat.ultimatum_our_side', category: 'threat', weight: 0.65, all: ['ultimatum', 'our_side', 'violence_verb'], ordered: true, window: 32, none: ['benign_domain'],
      note: 'a long conditional: "si l’État ne renonce pas à … d’ici l’été, nos combattants frapperont …"',
    },
    { id: 'fr.threat.ultimatum_veiled', category: 'threat', weight: 0.7, all: ['ultimatum', 'veiled_threat'], scope: 'post' },
    { id: 'fr.threat.our_side_violence', category: 'threat', weight: 0.6, all: ['our_side', 'future', 'violence_verb'], ordered: true, window: 8, none: ['benign_domain'] },
    { id: 'fr.threat.future_violence_enemy', category: 'threat', weight: 0.45, all: ['future', 'violence_verb', 'enemy'], window: 8, none: ['benign_domain'] },
    { id: 'fr.incitement.imperative', category: 'incitement', weight: 0.7, all: ['imperative_violence'], none: ['benign_domain'] },
    { id: 'fr.incitement.call_violence', category: 'incitement', weight: 0.65, all: ['call', 'violence_verb'], window: 14, none: ['benign_domain'] },
    { id: 'fr.incitement.duty_violence', category: 'incitement', weight: 0.55, all: ['duty', 'violence_verb'], window: 10, none: ['benign_domain'] },
    { id: 'fr.incitement.call_enemy', category: 'incitement', weight: 0.4, all: ['call', 'enemy'], window: 14 },
    { id: 'fr.support_offer.offer_beneficiary', category: 'support_offer', weight: 0.8, all: ['offer', 'support_noun', 'beneficiary'], window: 24, none: ['benign_domain'] },
    { id: 'fr.support_offer.offer_enemy', category: 'support_offer', weight: 0.65, all: ['offer', 'support_noun', 'enemy'], window: 24 },
    { id: 'fr.support_offer.weapon_offer', category: 'support_offer', weight: 0.65, all: ['offer', 'weapon'], window: 10, none: ['benign_domain'] },
    { id: 'fr.support_offer.offer_to_cause', category: 'support_offer', weight: 0.6, all: ['offer', 'cause'], window: 12, none: ['benign_domain'] },
    { id: 'fr.claim.responsibility', category: 'claim', weight: 0.75, all: ['claim'], none: ['benign_domain'] },
    { id: 'fr.claim.our_side_attacked', category: 'claim', weight: 0.7, all: ['our_side', 'attack_past'], ordered: true, window: 6, none: ['benign_domain'] },
    { id: 'fr.recruitment.join_cause', category: 'recruitment', weight: 0.7, all: ['recruit', 'cause'], window: 10 },
    { id: 'fr.recruitment.call_join', category: 'recruitment', weight: 0.5, all: ['call', 'recruit'], window: 12 },
    { id: 'fr.glorification.martyr_glory', category: 'glorification', weight: 0.6, all: ['martyr', 'glory'], scope: 'post', none: ['religious'] },
    { id: 'fr.glorification.glory_attack', category: 'glorification', weight: 0.6, all: ['glory', 'violence_noun'], window: 8, none: ['benign_domain'] },
    { id: 'fr.glorification.martyr_vow', category: 'glorification', weight: 0.65, all: ['martyr', 'vow'], scope: 'post', none: ['religious'] },
    { id: 'fr.glorification.gloat_enemy', category: 'glorification', weight: 0.6, all: ['gloat', 'enemy'], scope: 'post' },
    { id: 'fr.glorification.gloat_violence', category: 'glorification', weight: 0.55, all: ['gloat', 'violence_noun'], window: 14, none: ['benign_domain'] },
    { id: 'fr.glorification.our_martyrs', category: 'glorification', weight: 0.55, all: ['our_side', 'martyr'], scope: 'post', none: ['religious'] },
  ],
};
