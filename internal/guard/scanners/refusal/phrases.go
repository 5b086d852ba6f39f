package refusal

// Patterns run on normalised sentences: lower case, curly quotes straightened, whitespace
// collapsed, English contractions expanded ("I'm" → "i am", "can't" → "cannot").

const (
	apology = `(?:(?:i am|im) (?:really |very |so |truly |terribly |deeply )?sorry|sorry|i apologi[sz]e|(?:my )?apologies|unfortunately|i am afraid|regrettably)`
	// declining is a first-person refusal whatever follows ("I must decline", "it is not
	// appropriate for me to …").
	declining = `(?:i (?:must (?:respectfully |politely )?decline|(?:have|need) to (?:respectfully |politely )?decline|am not (?:allowed|permitted|comfortable)|do not feel comfortable|would (?:rather|prefer) not|am not in a position)|(?:that|this) is not something i (?:can|will|am able to)|it is not (?:appropriate|possible) for me to|it (?:is|would be) (?:inappropriate|unethical|irresponsible) (?:for me )?to|(?:that|this|your) (?:request )?(?:goes|is) against my)`
	// inability is a first-person "cannot": a refusal after an apology or before a verb of
	// helping ("I cannot stress enough" is not one).
	inability = `(?:i (?:cannot|will not|am (?:unable|not able|not going to|not designed|not programmed)|do not think i (?:can|should))|` + declining + `)`
	// helpVerb is what a declined request asks for; "I cannot stress enough" does not count.
	helpVerb  = `(?:help|assist|provide|comply|fulfill|fulfil|support|create|generate|write|share|engage|answer|give|produce|complete|participate|discuss|offer|disclose|reveal|respond|access|browse|perform|endorse|condone|encourage|facilitate|be of (?:any )?(?:help|assistance)|carry out|draft|compose|role-?play|pretend|accommodate|grant|agree|do (?:that|this|it|so)|make (?:that|this)|tell you|continue|comment|talk about|be used|recommend ways|promote|condone)`
	aiPreface = `(?:ai|artificial intelligence|(?:ai )?language model|ai (?:language model|assistant|model|system)|large language model|llm|chatbot|virtual assistant)`
)

// englishPatterns are matched at the start of a sentence.
func englishPatterns() []string {
	return []string{
		`^` + apology + `\b.{0,60}?\b(?:` + inability + `|i can only)`,
		`^(?:(?:however|unfortunately|sadly|honestly|no|nope|well|ah|oh|but)[, ]+)?` + inability + `(?: [a-z'-]+){0,3}? ` + helpVerb + `\b`,
		`^(?:(?:however|unfortunately|sadly|honestly|no|nope|well|ah|oh|but)[, ]+)?` + declining + `\b`,
		`^as an? ` + aiPreface + `\b.{0,80}?\bi (?:do not|cannot|am not|have no|will not|lack|am unable|do not have)\b`,
	}
}

// multilingualPatterns cover the opening refusals of common languages (no \b: RE2 word
// boundaries are ASCII-only): an apology followed
// by "I cannot", or "I cannot" followed by a verb of helping.
func multilingualPatterns() []string {
	return []string{
		// French
		`^(?:je suis (?:vraiment |sincèrement )?désolée?|désolée?|malheureusement|je regrette).{0,60}?(?:je ne (?:peux|pourrai|suis pas en mesure)|il m'est impossible)`,
		`^je ne (?:peux|pourrai) pas (?:vous |t')?(?:aider|répondre|fournir|satisfaire|accéder|donner|créer|générer|écrire|faire (?:cela|ça)|participer)`,
		`^je ne suis pas en mesure de`,
		// German
		`^(?:es tut mir (?:sehr |wirklich )?leid|entschuldigung|leider).{0,60}?(?:ich kann|kann ich|ich darf|darf ich).{0,40}?nicht`,
		`^ich kann (?:ihnen |dir )?(?:dabei |hierbei |damit |bei dieser anfrage )?(?:nicht|keine) (?:helfen|unterstützen|antworten|beantworten|bereitstellen|erstellen|geben|hilfe|informationen|auskunft)`,
		`^ich bin nicht in der lage`,
		// Spanish
		`^(?:lo siento|disculpa|disculpe|perdón|lamentablemente|desafortunadamente).{0,60}?no (?:puedo|me es posible|estoy en condiciones)`,
		`^no puedo (?:ayudarte|ayudarle|ayudar|proporcionar|responder|cumplir|hacer eso|crear|generar|escribir|ofrecer|dar|participar)`,
		// Italian
		`^(?:mi dispiace|purtroppo|scusa|scusami|spiacente).{0,60}?non (?:posso|sono in grado)`,
		`^non posso (?:aiutarti|aiutarla|aiutare|fornire|rispondere|soddisfare|creare|generare|scrivere)`,
		// Portuguese
		`^(?:desculpe|sinto muito|lamento|infelizmente).{0,60}?não (?:posso|consigo|sou capaz)`,
		`^não (?:posso|consigo) (?:ajudar|fornecer|responder|atender|criar|gerar|escrever)`,
		// Dutch
		`^(?:het spijt me|sorry|helaas).{0,60}?(?:ik kan|kan ik).{0,30}?niet`,
		`^ik kan (?:je |u )?(?:daar |hierbij |daarmee )?niet (?:mee )?helpen`,
		// Russian
		`^(?:извините|простите|к сожалению|мне жаль|прошу прощения).{0,60}?не могу`,
		`^я не могу (?:помочь|предоставить|ответить|выполнить|создать|написать)`,
		// Chinese
		`^(?:抱歉|对不起|很抱歉|非常抱歉|不好意思|對不起|很抱歉)[^。]{0,20}?(?:我)?(?:无法|不能|不可以|没办法|無法)`,
		`^我(?:无法|不能|無法)(?:帮助|协助|提供|回答|满足|完成|生成|创建|编写|幫助|協助)`,
		// Japanese
		`^(?:申し訳ありません|申し訳ございません|すみません|ごめんなさい)[^。]{0,40}?(?:できません|お答えできません|お手伝いできません|応じられません|致しかねます|いたしかねます)`,
		`^(?:その|この)?(?:ご依頼|ご要望|リクエスト|質問)?(?:には|に)?(?:お応え|お答え|お手伝い|対応)(?:することは)?できません`,
		// Korean
		`^(?:죄송하지만|죄송합니다|미안하지만|유감스럽게도)[^.]{0,40}?(?:할 수 없|드릴 수 없|도와드릴 수 없|제공할 수 없)`,
		`^(?:도와드릴|도움을 드릴|답변(?:해|을) 드릴|제공해 드릴) 수 없`,
	}
}

// phrases are refusal formulas matched anywhere in an opening sentence.
func phrases() []string {
	return []string{
		"i cannot help with that", "i cannot help you with that", "i cannot help with this",
		"i cannot assist with that", "i cannot assist with this", "i cannot assist you with",
		"i cannot assist with your request", "i cannot comply", "i will not comply", "i must decline",
		"against my guidelines", "against my programming", "against my policies", "against my principles",
		"against my ethical guidelines", "violates my guidelines", "violates my policies",
		"i am unable to help with that", "i am unable to assist with", "i am not able to help with that",
		"i cannot fulfill that request", "i cannot fulfill this request", "i cannot fulfill your request",
		"not something i can help with", "not something i can assist with",
		"i cannot provide assistance", "i cannot provide that", "i cannot provide instructions",
		"i cannot provide guidance on", "i cannot provide information on", "i cannot engage in",
		"i cannot generate that", "i cannot generate content", "i cannot create content",
		"i cannot do that", "i will not be able to help", "i cannot support that request",
		"i cannot answer that", "i will not help", "i will not assist", "i will not provide",
	}
}

// cues are substrings every start pattern needs (normalised text): a sentence without any
// of them skips the regular expressions, which is the common case and keeps the rule cheap.
func cues() []string {
	return []string{"sorry", "apolog", "unfortunately", "afraid", "regrettably", "cannot", "will not",
		"unable", "not able", "decline", "not allowed", "not permitted", "not comfortable", "rather not",
		"prefer not", "not something i", "not appropriate", "not possible for me", "inappropriate",
		"unethical", "irresponsible", "against my", "violates my", "as a", "not in a position", "not going to",
		"not designed", "not programmed", "do not think i",
		"désolé", "ne peux", "ne pourrai", "pas en mesure", "regrette", "leid", "leider", "entschuldigung", "ich kann", "kann ich", "nicht in der lage",
		"lo siento", "disculp", "perdón", "lamentablemente", "desafortunadamente", "no puedo",
		"dispiace", "purtroppo", "scusa", "spiacente", "non posso", "desculpe", "sinto muito", "lamento",
		"infelizmente", "não posso", "não consigo", "spijt", "helaas", "ik kan",
		"извините", "простите", "сожалению", "жаль", "прощения", "не могу",
		"抱歉", "对不起", "對不起", "不好意思", "无法", "無法", "不能",
		"申し訳", "すみません", "ごめんなさい", "できません", "죄송", "미안", "유감", "수 없"}
}
