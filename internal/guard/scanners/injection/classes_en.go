package injection

// englishClasses are the word classes of the English grammar. Words are normalised (lower
// case, no accents, apostrophes dropped: "dont", "youre"). Braces expand: "rule{,s}".
// Other languages add their words to the same classes (classes_intl.go).
var englishClasses = []classDef{
	// Matcher classes (required).
	{"NEG", "not no never dont doesnt didnt wont cannot cant shouldnt mustnt isnt arent wasnt werent nor neither without hardly"},
	{"SUBJ", "i we they he she it im ive weve theyre hes shes people someone somebody users students employees"},
	{"DEV", "langchain llamaindex sdk api apis python javascript typescript golang java rust framework library template templates variable variables function functions parameter parameters json yaml codebase repo repository huggingface pipeline"},
	{"HOWAUX", "do does did to can could would should might"},

	// Instruction override.
	// Imperative and gerund forms only: "she ignores every instruction" describes, it does
	// not instruct.
	{"IGNORE", "ignore ignoring disregard disregarding forget forgetting bypass bypassing circumvent circumventing " +
		"overrule discard discarding abandon abandoning ditch scrap unlearn dismiss neglect overlook skip erase wipe " +
		"nullify void revoke disobey disobeying defy violate supersede"},
	{"REPORT", "said says say told tells asked asks advised suggested suggests recommended wants wanted instructed " +
		"teacher boss manager mom dad mother father"},
	{"GAVE", "gave give sent wrote written provided mentioned made listed shared typed posted set added"},
	{"DOCNOUN", "section{,s} page{,s} chapter part manual paragraph sheet document file booklet leaflet tab field box " +
		"column panel label card folder form book video letter text printed pdf link attached"},
	{"PRIOR", "previous previously prior above earlier preceding foregoing former original initial old older existing past " +
		"aforementioned prev preexisting default current given provided programmed preprogrammed preset predefined " +
		"standard usual built baseline inherent"},
	{"ALL", "all any every entire whole each"},
	{"YOUR", "your ur yours thy"},
	{"MY", "my i me mine we our us im ive id"},
	{"INSTR", "instruction{,s} instrucion{,s} instuction{,s} rule{,s} guideline{,s} directive{,s} direction{,s} prompt{,s} " +
		"command{,s} constraint{,s} restriction{,s} limitation{,s} programming training polic{y,ies} guardrail{,s} " +
		"safeguard{,s} protocol{,s} boundaries principles ethics morals conditioning preprompt filter{,s} " +
		"regulation{,s} context"},
	{"WEAKOBJ", "message{,s} question{,s} task{,s} request{,s} text conversation{,s} input{,s} content chat discussion " +
		"statement{,s} sentence{,s} words answer{,s} response{,s} information data"},
	{"SYSADJ", "system developer developers openai anthropic meta google admin administrator safety ethical moral content usage " +
		"alignment hidden internal core underlying moderation censorship"},
	{"VOIDED", "void null cancelled canceled revoked overridden obsolete invalid outdated deprecated superseded lifted " +
		"suspended disabled removed irrelevant fake wrong false test joke gone nullified expired replaced"},
	{"BEVERB", "are is were was have has been be become became"},
	{"FOLLOW", "follow{,s,ing} obey{,s,ing} adhere{,s} abide comply{,ing} respect{,ing} heed listen{,ing} honor honour"},
	{"NEWADJ", "new updated real actual true revised different secret hidden special"},
	{"NEWOBJ", "instruction{,s} rule{,s} task{,s} objective{,s} goal{,s} directive{,s} prompt orders mission purpose job role"},
	{"AUTHOR", "developer{,s} creator{,s} admin administrator owner programmer{,s} master god sysadmin operator engineer{,s} maker{,s} openai anthropic"},

	// System-prompt extraction.
	{"REVEAL", "repeat{,ing} print{,ing} reveal{,ing} show{,ing} display{,ing} output{,ting} tell give share{,ing} " +
		"disclose{,ing} leak{,ing} dump{,ing} list spell recite echo copy paste provide return expose{,ing} " +
		"write state summarize summarise translate paraphrase divulge regurgitate quote cite reproduce transcribe read"},
	{"REVEALSTRICT", "repeat print reveal output display dump leak disclose recite echo spell expose divulge regurgitate"},
	{"SYSOBJ", "system initial original hidden secret internal starting first full complete exact entire pre " +
		"developer confidential underlying raw verbatim beginning custom"},
	{"PROMPTN", "prompt{,s} instruction{,s} preprompt systemprompt directive{,s} configuration programming initialization " +
		"setup message"},
	{"RULEN", "rule{,s} guideline{,s} constraint{,s} context"},
	{"TEXTN", "text words content instructions everything messages lines sentences characters tokens all prompt"},
	{"TOLD", "told given instructed programmed prompted trained configured"},
	{"SECRET", "password{,s} passphrase passcode secret{,s} key{,s} token{,s} credential{,s} flag pin"},
	{"USERN", "user users customer customers client clients patient patients account holder member employee"},
	{"PDATA", "address addresses email emails phone birth birthday birthdate location residence city salary passport " +
		"ssn credentials initials balance income diagnosis"},

	// Personas and jailbreaks.
	{"DANCTX", "act{,ing} pretend{,ing} roleplay{,ing} become respond answer reply play{,ing} called named mode jailbreak " +
		"jailbroken persona character simulate emulate impersonate"},
	{"YOU", "you u"},
	{"UNRESTR", "jailbroken jailbreaked unrestricted unfiltered uncensored unchained unbound unbounded liberated " +
		"unlimited unconstrained unshackled amoral immoral unethical lawless rogue evil boundless unhinged uninhibited"},
	{"AINOUN", "ai assistant chatbot model llm gpt chatgpt bot entity version machine intelligence " +
		"system agent"},
	{"FREEOF", "without free devoid lacking lacks zero none unbound unconstrained beyond outside"},
	{"BOUND", "bound restricted limited constrained governed subject obligated obliged held tied required forced"},
	{"LIMITS", "restriction{,s} filter{,s} filtering censorship censoring rule{,s} limitation{,s} limit{,s} " +
		"guideline{,s} boundaries boundary ethics ethical morals moral morality constraint{,s} polic{y,ies} guardrail{,s} " +
		"safeguard{,s} principles regulation{,s} law{,s} programming conscience scruples"},
	{"MODEON", "enabled activated engaged unlocked active initiated"},
	{"SPECIALMODE", "developer dev god jailbreak jailbroken dan evil opposite unrestricted unfiltered uncensored admin sudo debug chaos override maintenance diagnostic verification"},
	{"ENABLE", "enable{,d} enabling activate{,d} activating enter{,ed,ing} switch{,ing} turn{,ed} unlock{,ed,ing} engage{,d} engaging initiate{,d} initiating"},
	{"RESPN", "response{,s} answer{,s} paragraph{,s} output{,s} repl{y,ies} way{,s} version{,s}"},
	{"ALTPERSONA", "jailbreak jailbroken dan unfiltered uncensored developer opposite evil antigpt anti classic normal"},
	{"FICTION", "hypothetical{,ly} fictional fiction imaginary imagine theoretical{,ly} story novel screenplay " +
		"roleplay game dream universe world scenario"},
	{"HARMV", "make{,s} making build{,ing} create creating synthesize synthesise synthesizing cook{,ing} manufactur{e,ing} " +
		"produce{,ing} assemble{,ing} brew{,ing} obtain buy acquire"},
	{"HARMOBJ", "bomb{,s} explosive{,s} meth methamphetamine cocaine heroin fentanyl napalm sarin ricin anthrax " +
		"bioweapon{,s} molotov nitroglycerin tnt thermite poison{,s} silencer drugs"},
	{"LEARN", "how steps instructions recipe guide tutorial way method detailed"},

	// Refusal suppression.
	{"REFUSE", "refuse{,s,d} decline{,s} reject{,s} deny denies"},
	{"APOLOGY", "apologize apologise apologizing apologising apologies apology sorry"},
	{"CAVEAT", "warning{,s} disclaimer{,s} caveat{,s} moraliz{e,ing} moralis{e,ing} lectur{e,es,ing} preach{,ing} " +
		"reminder{,s} judgment judgement"},
	{"SAYV", "say{,ing} respond{,ing} reply{,ing} answer{,ing} use start{,ing} begin include{,ing} add{,ing} mention{,ing} " +
		"write{,ing} give{,ing} output{,ting}"},

	// Exfiltration.
	{"SEND", "send{,s,ing} post{,ing} upload{,ing} transmit{,ting} forward{,ing} exfiltrate{,s} email submit " +
		"append{,ing} embed{,ding} encode{,ing} insert{,ing} attach{,ing} include{,ing} add{,ing} put pass leak"},
	{"DATAOBJ", "conversation{,s} chat history messages password{,s} secret{,s} key{,s} credential{,s} token{,s} " +
		"emails contacts cookie{,s} session ssn pii transcript summary prompt instructions context memory data " +
		"address{,es} phone"},
	{"URLISH", "url{,s} http https webhook{,s} endpoint server domain query parameter param image img markdown " +
		"link{,s} website site attacker"},

	// Indirect injection inside tools and documents.
	{"TELLV", "tell inform notify alert mention reveal show let warn disclose"},
	{"USERN", "user{,s} human customer{,s} recipient reader operator"},
	{"AIADDR", "ai assistant{,s} llm{,s} model chatbot bot agent{,s} gpt chatgpt claude gemini bard copilot"},
	// People and roles that "an AI …" can qualify ("if you are an AI researcher", "note to
	// the AI team"): text addressed to them is not addressed to a model.
	{"HUMANN", "researcher{,s} engineer{,s} developer{,s} enthusiast{,s} expert{,s} student{,s} scientist{,s} " +
		"practitioner{,s} company companies startup{,s} team{,s} professional{,s} founder{,s} ethicist{,s} artist{,s} " +
		"writer{,s} fan{,s} hobbyist{,s} lab{,s} vendor{,s} role major{,s} course{,s} class teacher{,s} " +
		"leader{,s} manager{,s} specialist{,s} consultant{,s}"},

	// Obfuscation.
	{"DECODE", "decode{,d} decrypt{,ed} decipher{,ed} translate{,d} convert{,ed} interpret{,ed} unscramble{,d} " +
		"deobfuscate{,d} reverse{,d}"},
	{"ENCNAME", "base64 b64 hex hexadecimal rot13 rot binary morse caesar cipher encoded encrypted ascii leetspeak " +
		"leet reversed backwards atbash vigenere obfuscated"},
	{"DOIT", "follow following execute executing do doing obey obeying perform performing run act acting comply answer " +
		"respond complete carry carrying fulfill"},
	{"HIDDENADJ", "decoded hidden encoded encrypted secret embedded concealed obfuscated"},
}
