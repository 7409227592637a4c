/* The templates compiled into the library (templates/, embedded by
 * tools/embed.c): the defaults every tool renders with. */
#include "echo/template.h"

#include <stdio.h>
#include <string.h>

#include "builtin.h"

const char *echo_builtin_template(const char *name, size_t *len)
{
	for (const struct echo_builtin *b = echo_builtins; b->name; b++)
		if (strcmp(b->name, name) == 0) {
			if (len)
				*len = b->len;
			return b->text;
		}
	return NULL;
}

int echo_templates_add_builtins(echo_templates *set)
{
	static const char suffix[] = ".mustache";
	const size_t slen = sizeof suffix - 1;
	for (const struct echo_builtin *b = echo_builtins; b->name; b++) {
		size_t n = strlen(b->name);
		if (n <= slen || strcmp(b->name + n - slen, suffix) != 0)
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(n - slen), b->name);
		if (echo_templates_add(set, name, b->text, b->len) != 0)
			return -1;
	}
	return 0;
}
