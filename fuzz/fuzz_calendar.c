/* Fuzz target: time and recurrence parsing.  The input is a YAML document
 * checked as a session or a series (dates, times, time zones, recurrence
 * expansion, the template data and the plain-text forms), and each of its
 * lines is also fed raw to the date, time, weekday, wall-clock and time
 * zone parsers. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <echo/attendance.h>
#include <echo/echo.h>
#include <echo/session.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_line(const char *line, size_t len)
{
	char text[128];
	if (len >= sizeof text)
		len = sizeof text - 1;
	memcpy(text, line, len);
	text[len] = '\0';
	int a, b, c;
	echo_date_parse(text, &a, &b, &c);
	echo_time_parse(text, &a, &b);
	echo_weekday_parse(text);
	echo_wallclock w;
	const char *why = NULL;
	if (echo_wallclock_parse(line, len, &w, &why) == 0) {
		char buf[24];
		echo_wallclock_format(w, buf, sizeof buf);
	}
	char near[128];
	echo_tz_suggest(text, near, sizeof near);
	echo_tz *tz = NULL;
	if (echo_tz_load(text, &tz) == ECHO_TZ_OK) {
		echo_tz_info info;
		echo_tz_at(tz, (int64_t)len * 86400 * 97, &info);
		int gap;
		echo_tz_to_utc(tz, 1773316800, &gap);
		echo_tz_transition tr[4];
		echo_tz_transitions(tz, 0, 1893456000, tr, 4);
		echo_tz_rule rule;
		echo_tz_rule_get(tz, &rule);
	}
	echo_tz_free(tz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	/* The first 16 lines: each may open a time zone file. */
	for (size_t i = 0, start = 0, lines = 0; i <= size && lines < 16; i++) {
		if (i == size || text[i] == '\n') {
			if (i > start)
				parse_line(text + start, i - start);
			start = i + 1;
			lines++;
		}
	}

	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("fuzz.yaml", text, size, NULL, &diags);
	for (size_t d = 0; s && d < s->doc_count; d++) {
		echo_node *root = s->docs[d];
		echo_agenda_kind kind = echo_agenda_kind_of(root);
		echo_agenda_options aopts = {NULL, 0, (int)(size & 1)};
		echo_buf out = ECHO_BUF_INIT;
		if (kind == ECHO_AGENDA_SERIES) {
			echo_series *series = echo_series_check(s, root, &diags);
			if (series && series->usable) {
				echo_series_data(series, &aopts);
				echo_series_json(series, &aopts, &out);
				echo_series_text(series, NULL, &out);
				if (series->date_count)
					echo_series_text(series, &series->dates[0], &out);
			}
			echo_series_free(series);
		} else {
			echo_session_options sopts = {.skip_cases = 1};
			echo_session *session = echo_session_check(s, root, &sopts, &diags);
			if (session && session->usable) {
				echo_session_data(session, &aopts);
				echo_session_json(session, &aopts, &out);
				echo_session_text(session, &out);
			}
			echo_session_free(session);
		}
		echo_buf_free(&out);
	}
	echo_stream_free(s);
	echo_diags_free(&diags);
	return 0;
}
