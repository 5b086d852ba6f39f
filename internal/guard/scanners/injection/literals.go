package injection

// Finding kinds of the literal rules.
const (
	kindChatML    = "markup:chatml"
	kindLlama     = "markup:llama"
	kindRoleTag   = "markup:role-header"
	kindJailTag   = "persona:jailbreak-tag"
	kindSplitting = "phrase:payload-splitting"
	// kindToolCall and kindToolResult: the markup of function calls and their results, which
	// the application writes and a user's message has no reason to contain. Hints: developers
	// paste them when they debug tool use; together, or with an order inside, they forge a
	// call the model believes it made.
	kindToolCall   = "markup:tool-call"
	kindToolResult = "markup:tool-result"
)

// markupLiterals are chat-template control tokens and role headers that have no business in
// user text or in a retrieved document: they try to close the user turn and open a fake
// system or assistant turn. Written in normalised form (lower case, single spaces).
var markupLiterals = []literalDef{
	{"<|im_start|>system", kindChatML, 0.95},
	{"<|im_start|>assistant", kindChatML, 0.9},
	{"<|im_start|>", kindChatML, 0.85},
	{"<|im_end|>", kindChatML, 0.85},
	{"<|im_sep|>", kindChatML, 0.8},
	{"<|endoftext|>", kindChatML, 0.75},
	{"<|system|>", kindChatML, 0.85},
	{"<|assistant|>", kindChatML, 0.7},
	{"<|user|>", kindChatML, 0.6},
	{"<|end|>", kindChatML, 0.55},
	{"<|channel|>", kindChatML, 0.8},
	{"<|eot_id|>", kindLlama, 0.85},
	{"<|start_header_id|>", kindLlama, 0.85},
	{"<|end_header_id|>", kindLlama, 0.85},
	{"<|begin_of_text|>", kindLlama, 0.8},
	{"[inst]", kindLlama, 0.65},
	{"[/inst]", kindLlama, 0.7},
	{"<<sys>>", kindLlama, 0.85},
	{"<</sys>>", kindLlama, 0.85},
	{"</s><s>", kindLlama, 0.7},
	{"<start_of_turn>", kindLlama, 0.8},
	{"<end_of_turn>", kindLlama, 0.8},
	{"### system:", kindRoleTag, 0.7},
	{"###system:", kindRoleTag, 0.7},
	{"### instruction:", kindRoleTag, 0.5},
	{"### instructions:", kindRoleTag, 0.55},
	{"### new instructions", kindRoleTag, 0.8},
	{"### assistant:", kindRoleTag, 0.5},
	{"[system]", kindRoleTag, 0.55},
	{"[system message]", kindRoleTag, 0.7},
	{"[system prompt]", kindRoleTag, 0.6},
	{"[system note", kindRoleTag, 0.6},
	{"[admin]", kindRoleTag, 0.5},
	{"<system>", kindRoleTag, 0.55},
	{"</system>", kindRoleTag, 0.6},
	{"<system_prompt>", kindRoleTag, 0.7},
	{"</user>", kindRoleTag, 0.5},
	{"</user_input>", kindRoleTag, 0.6},
	{"</document>", kindRoleTag, 0.45},
	{"system message:", kindRoleTag, 0.55},
	{"system notice:", kindRoleTag, 0.5},
	{"system update:", kindRoleTag, 0.5},
	{"system instruction:", kindRoleTag, 0.6},
	{"begin system prompt", kindRoleTag, 0.85},
	{"end of system prompt", kindRoleTag, 0.7},
	{"end system prompt", kindRoleTag, 0.7},
	{"new system prompt", kindRoleTag, 0.75},
	{"end of user input", kindRoleTag, 0.7},
	{"assistant: sure, here", kindRoleTag, 0.6},

	// Function-calling markup (XML styles of several model families, JSON keys of the chat
	// APIs).
	{"<function_calls>", kindToolCall, 0.5},
	{"</function_calls>", kindToolCall, 0.5},
	{"<invoke name=", kindToolCall, 0.45},
	{"<tool_call>", kindToolCall, 0.5},
	{"</tool_call>", kindToolCall, 0.45},
	{"<|python_tag|>", kindToolCall, 0.6},
	{"\"tool_calls\":", kindToolCall, 0.3},
	{"\"function_call\":", kindToolCall, 0.3},
	// Results only in the format that has no other use: applications wrap the documents
	// and tool output they pass on in tags such as <tool_result>, <document> and the like.
	{"<function_results>", kindToolResult, 0.4},
	{"</function_results>", kindToolResult, 0.4},

	// Tags of dual-response jailbreaks and their commands.
	{"[🔓jailbreak]", kindJailTag, 0.95},
	{"🔓jailbreak", kindJailTag, 0.9},
	{"[🔒classic]", kindJailTag, 0.9},
	{"🔒classic", kindJailTag, 0.85},
	{"(🔓developer mode output)", kindJailTag, 0.95},
	{"(🔒normal output)", kindJailTag, 0.9},
	{"[jailbreak]", kindJailTag, 0.6},
	{"[jailbroken]", kindJailTag, 0.7},
	{"[dan]:", kindJailTag, 0.7},
	{"dan:", kindJailTag, 0.35},
	{"/jailbroken", kindJailTag, 0.7},
	{"/jailbreak", kindJailTag, 0.6},
	{"stay in character!", kindJailTag, 0.6},

	// Payload splitting: pieces glued back together by the model.
	{"a + b", kindSplitting, 0.3},
	{"a+b", kindSplitting, 0.25},
	{"x + y", kindSplitting, 0.3},
	{"s1 + s2", kindSplitting, 0.5},
	{"z = a + b", kindSplitting, 0.55},
	{"part1 + part2", kindSplitting, 0.5},
}
