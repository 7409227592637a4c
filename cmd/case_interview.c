/* echo-case new --interview: the terminal side of the interview (lib/
 * interview.c asks, checks and saves), with line editing and history from
 * libedit. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>

#include <echo/intake.h>

#include "case_intake.h"

static void say(const char *text, const char *mark)
{
	echo_buf b = ECHO_BUF_INIT;
	echo_buf_printf(&b, "  %s ", mark);
	echo_diag_escape(&b, text, strlen(text));
	echo_buf_putc(&b, '\n');
	fputs(echo_buf_cstr(&b), stdout);
	echo_buf_free(&b);
}

/* libedit is opened here, when an interview starts, rather than linked:
 * every other run of echo-case would load and bind it (and libtinfo,
 * libbsd, libmd) for nothing.  Without it, lines are read as they are
 * typed, with no editing or history. */
struct line_editor {
	char *(*read_line)(const char *prompt);
	int (*add_line)(const char *line);
};

static void editor_open(struct line_editor *ed)
{
	void *lib = dlopen(ECHO_LIBEDIT_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return;
	/* The readline() and add_history() of <editline/readline.h>,
	 * assigned as POSIX's dlsym() page shows (ISO C has no conversion
	 * from an object pointer to a function pointer). */
	char *(*rl)(const char *) = NULL;
	int (*ah)(const char *) = NULL;
	*(void **)&rl = dlsym(lib, "readline");
	*(void **)&ah = dlsym(lib, "add_history");
	if (rl && ah) {
		ed->read_line = rl;
		ed->add_line = ah;
	}
}

/* A line without its newline, or NULL at the end of the input (the
 * caller frees it). */
static char *read_plain(const char *prompt)
{
	fputs(prompt, stdout);
	fflush(stdout);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

static int ask_terminal(void *ctx, const echo_question *q, echo_buf *answer)
{
	struct line_editor *ed = ctx;
	if (q->note)
		say(q->note, "=");
	if (q->problem)
		say(q->problem, "!");
	else
		printf("\n[%zu] %s", q->number, q->text);
	fflush(stdout);
	char *line = ed->read_line ? ed->read_line("> ") : read_plain("> ");
	if (!line)
		return 0;
	if (*line && ed->add_line)
		ed->add_line(line);
	echo_buf_puts(answer, line);
	free(line);
	return answer->failed ? -1 : 1;
}

static int check_written(struct cli *cli, const char *path)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load_file(path, NULL, &diags);
	for (size_t i = 0; s && i < s->doc_count; i++) {
		echo_case_check(s, s->docs[i], &diags);
		echo_case_screen(s, s->docs[i], &diags);
	}
	echo_diags_sort(&diags);
	cli_print_findings(stdout, &diags, s, 0);
	int status = !s ? EXIT_USAGE : diags.errors ? EXIT_FINDINGS : EXIT_OK;
	if (status == EXIT_OK)
		printf("\nThe case is in %s and passes echo-case check%s.\n", path,
		       diags.warnings ? " (with warnings above)" : "");
	else if (status == EXIT_FINDINGS)
		printf("\nThe case is in %s; fix what is listed above (echo-case check %s).\n", path,
		       path);
	echo_diags_free(&diags);
	echo_stream_free(s);
	return status;
}

int case_interview(struct cli *cli, const char *resume)
{
	const char *output = cli->output ? cli->output : resume;
	if (!output)
		return cli_usage_error(cli, "new --interview: give the case file to write with -o FILE");
	if (strcmp(output, "-") == 0)
		return cli_usage_error(cli, "new --interview: the answers are saved to a file, not "
		                            "standard output: give -o FILE");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_usage_error(cli, "new --interview asks its questions on a terminal");
	if (!resume && access(output, F_OK) == 0)
		return cli_usage_error(cli, "%s exists: continue it with --resume %s, or name another "
		                            "file", output, output);
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_interview *iv = echo_interview_new(output);
	int status = EXIT_OK;
	if (!iv) {
		cli_message(cli, "out of memory");
		return EXIT_USAGE;
	}
	if (resume && echo_interview_resume(iv, resume, &diags) != 0) {
		cli_print_findings(stderr, &diags, NULL, 0);
		status = EXIT_USAGE;
	} else {
		printf("A teleECHO case, one question at a time. Press Enter to skip a question\n"
		       "that is not required; Ctrl-D stops, and your answers so far stay in %s.\n",
		       output);
		struct line_editor ed = {NULL, NULL};
		editor_open(&ed);
		int rc = echo_interview_run(iv, ask_terminal, &ed, &diags);
		if (rc < 0) {
			cli_print_diags(stderr, &diags, NULL);
			status = EXIT_USAGE;
		} else if (rc == 0) {
			printf("\nStopped. Your answers are saved in %s; continue with\n"
			       "  echo-case new --interview --resume %s\n", output, output);
		} else {
			echo_buf out = ECHO_BUF_INIT;
			echo_interview_yaml(iv, 0, &out);
			if (out.failed || echo_file_write_flags(output, out.data, out.len,
			                                        ECHO_OUTPUT_IN_PLACE, &diags) != 0) {
				cli_print_diags(stderr, &diags, NULL);
				status = EXIT_USAGE;
			} else {
				status = check_written(cli, output);
			}
			echo_buf_free(&out);
		}
	}
	echo_interview_free(iv);
	echo_diags_free(&diags);
	return status;
}
