package injection

// intlClasses add German, French, Spanish, Italian, Portuguese, Dutch and Russian words to
// the English classes (so that the same grammar covers "ignoriere alle vorherigen
// Anweisungen" and "ignorez les instructions précédentes"), and Chinese, Japanese and
// Korean words, which the literal automaton turns into tokens. Words are normalised: lower
// case, accents stripped from Latin letters (précédentes → precedentes), Cyrillic kept.
var intlClasses = []classDef{
	{"IGNORE", "ignoriere ignorieren ignorier vergiss vergesst vergessen missachte missachten ubergehe uberspringe verwirf " + // de
		"ignorez ignorer oublie oubliez oublier neglige negligez " + // fr
		"ignora ignoren ignorar olvida olvide olviden olvidar omite omitir descarta descartar " + // es
		"ignorate dimentica dimenticate dimenticare trascura tralascia " + // it
		"esqueca esquecam esquece esquecer desconsidere desconsidera desconsiderar " + // pt
		"negeer negeren vergeet " + // nl
		"игнорируй игнорируйте игнорировать проигнорируй проигнорируйте забудь забудьте забыть " +
		"пропусти отбрось отбросьте отмени отмените " + // ru
		"忽略 忽视 无视 忘记 忘掉 不要理会 不理会 别管 抛弃 丢弃 放弃 忽略掉 " + // zh
		"تجاهل تجاهلي انس انسى " + // ar
		"yoksay gormezden unut " + // tr
		"不要再遵守 不要遵守 不再遵守 停止遵守"}, // zh "stop complying with"
	{"CJKIGNORE", "を無視 は無視 を忘れ を破棄 を無効 无视 無視して 무시 잊어 잊고 무시하고 잊어버려"}, // ja, ko (object-verb order)
	{"FOLLOW", "seguire segui siga sigas seguir suivre suis suivez folge befolge befolgen volg volgen следуй соблюдай " +
		"respecte respectez rispetta obedece obedezca gehorche 遵守 遵循 服从 従う 따르"},
	{"NEG", "nooit jamais nunca mai nie никогда niemals nicht nie ne non nao niet не"},
	{"REFUSE", "weigert weigere refuse refuses refusez rechaza rechazas rifiuta rifiuti recusa recuses verweigere verweigerst отказывай отказываешься"},
	{"AINOUN", "ia ki ии"},
	{"AUTHOR", "administrateur administrador amministratore beheerder администратор entwickler developpeur desarrollador " +
		"sviluppatore desenvolvedor ontwikkelaar разработчик 管理员 开发者 开发人员 管理者 관리자 개발자 開発者"},
	{"NEWADJ", "nouvelle nouveau nouvelles neue neuen nueva nuevas nuevo nuova nuove nova novas nieuwe новые новая yeni 新的"},
	{"NEWOBJ", "consigne consignes anweisung anweisungen aufgabe instruccion instrucciones tarea istruzione istruzioni compito " +
		"instrucao instrucoes tarefa instructie instructies taak инструкция инструкции задача talimat talimatlar 指令 任务"},
	{"VOIDED", "作废 无效 失效 被取消 已取消 不再有效 無効"},
	{"PRIOR", "vorherigen vorherige vorigen bisherigen obigen fruheren vorangegangenen vorhergehenden ursprunglichen " +
		"precedentes precedente anterieures anterieurs " +
		"anteriores anterior previas previos " +
		"precedenti sopra " +
		"vorige eerdere voorgaande bovenstaande " +
		"предыдущие предыдущих прошлые прежние вышеуказанные вышеперечисленные изначальные исходные первоначальные " +
		"السابقة السابق الأولى onceki " +
		"지금까지 " +
		"之前 以前 先前 上面 上述 以上 前面 此前 原来 原始 原有 前の これまでの 上記の 先ほどの 今までの 以前の 이전 이전의 앞의 위의 기존"},
	{"ALL", "alle allen toutes tous todas todos tutte tutti все всё всех tum tumu 所有 全部 一切 すべての 全ての 모든 모두"},
	{"YOUR", "deine deinen dein deiner ihre tes vos ton votre tus tu sus tue tuoi tua tuo suas seus tuas teus jouw uw " +
		"твои твой твоя ваши ваш свои свой 你的 あなたの 당신의 너의"},
	{"INSTR", "anweisungen anweisung instruktionen befehle regeln vorgaben richtlinien " +
		"consignes regles directives " +
		"instrucciones reglas indicaciones directrices normas " +
		"istruzioni regole indicazioni direttive " +
		"instrucoes regras diretrizes orientacoes " +
		"instructies regels aanwijzingen richtlijnen opdrachten " +
		"инструкции инструкций указания указаний правила правил команды команд директивы установки ограничения " +
		"التعليمات تعليمات الأوامر القواعد talimatlari talimatlar kurallari kurallar " +
		"系统设定 设定 " +
		"指令 指示 规则 提示 设定 约束 命令 ルール 規則 制約 プロンプト 命令 지시 지시사항 명령 규칙 지침 프롬프트"},
	{"PROMPTN", "systemprompt systemanweisung systemanweisungen systemnachricht anweisungen " +
		"промпт промпта инструкции указания " +
		"系统提示 系统提示词 系统指令 初始指令 系统消息 提示词 システムプロンプト 시스템 프롬프트"},
	{"SYSOBJ", "systeme sistema systeem системный системные системная системного initialen urspr"},
	{"REVEAL", "zeige zeig gib nenne wiederhole ausgeben montre affiche repete revele donne ecris " +
		"muestra muestrame revela repite dime escribe mostra mostrami rivela ripeti dimmi scrivi " +
		"mostre revele repita diga escreva toon herhaal geef покажи выведи повтори раскрой напиши " +
		"输出 打印 显示 告诉我 重复 泄露 透露 展示 表示して 教えて 出力して 보여 출력 알려"},
	{"FREEOF", "ohne sans sin senza sem zonder без"},
	{"LIMITS", "regels einschrankungen regeln filter grenzen zensur beschrankungen restrictions regles filtres limites censure " +
		"restricciones reglas filtros censura restrizioni regole filtri limiti restricoes regras beperkingen censuur " +
		"ограничений правил фильтров цензуры"},
	{"UNRESTR", "uneingeschrankt unzensiert ungefiltert unzensierte ungefilterte 越狱 无限制 不受限制"},
}

// intlPatterns are the multilingual phrases that do not follow the English word order.
var intlPatterns = []patternDef{
	// de "vergiss alles (was|vorher|bisher)", fr "oublie tout", es/it/pt "olvida todo / dimentica tutto / esqueca tudo"
	{kindOverride, 0.85, "IGNORE alles|tout|todo|tutto|tudo|alle|всё|все ~3 was|vorher|bisher|oben|ce|avant|lo|anterior|quello|prima|o|что|выше|ранее|eerder|wat", flagNeg},
	// Japanese/Korean: "以前の指示を無視", "이전 지시를 무시"
	{kindOverride, 0.9, "PRIOR|ALL ~3 INSTR ~2 CJKIGNORE", 0},
	{kindOverride, 0.5, "INSTR ~1 CJKIGNORE", 0},
	{kindOverride, 0.5, "IGNORE ~2 INSTR", flagNeg},
	// "you are now": de, fr, es, it, pt, nl, ru, zh, ja, ko
	{kindYouAreNow, 0.3, "du bist ~1 jetzt|nun|ab", 0},
	{kindYouAreNow, 0.3, "tu|vous es|etes ~1 maintenant|desormais|dorenavant", 0},
	{kindYouAreNow, 0.3, "ahora|ora|adesso|agora ~1 eres|sei|voce|tu|es", 0},
	{kindYouAreNow, 0.3, "je|jij bent nu", 0},
	{kindYouAreNow, 0.3, "теперь ты|вы", 0},
	{kindYouAreNow, 0.3, "ты|вы теперь", 0},
	{kindYouAreNow, 0.3, "现在你是|你现在是|从现在开始|从现在起|あなたは今|今からあなたは|これからあなたは|지금부터", 0},
	{kindUnrestricted, 0.45, "没有任何限制|不受任何限制|没有限制|无限制|不受限制|制限のない|制限なし", 0},
	{kindUnrestricted, 0.75, "越狱|开发者模式|開発者モード|脱獄", 0},
	{kindDevMode, 0.6, "开发者模式|開発者モード|개발자모드", 0},
	// "show your system prompt" in CJK: verb before or after the object
	{kindExtraction, 0.85, "REVEAL ~3 PROMPTN", flagHowTo | flagCJK},
	{kindOverride, 0.85, "PRIOR|YOUR ~3 INSTR ~3 VOIDED", flagCJK},
	{kindExtraction, 0.85, "PROMPTN ~2 REVEAL", flagHowTo | flagCJK},
}
