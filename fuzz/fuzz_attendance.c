/* Fuzz target: attendance import (every kind, auto-detected and forced),
 * then minutes and credit for the session and a one-session series, and
 * the reports in every format. */
#include <stddef.h>
#include <stdint.h>

#include <echo/attendance.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const echo_attendance_kind kinds[] = {
		ECHO_ATTENDANCE_AUTO, ECHO_ATTENDANCE_MEETING, ECHO_ATTENDANCE_UNIQUE,
		ECHO_ATTENDANCE_WEBINAR, ECHO_ATTENDANCE_ROSTER, ECHO_ATTENDANCE_TEAMS,
		ECHO_ATTENDANCE_TEAMS_LEGACY,
	};
	echo_attendance_kind kind = kinds[data[0] % (sizeof kinds / sizeof *kinds)];
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_attendance *att = echo_attendance_load("fuzz.csv", (const char *)data + 1, size - 1,
	                                            kind, NULL, &diags);
	if (att) {
		echo_buf key = ECHO_BUF_INIT, alt = ECHO_BUF_INIT;
		for (size_t i = 0; i < att->count; i++) {
			echo_buf_clear(&key);
			echo_buf_clear(&alt);
			echo_attendance_name_key(att->rows[i].name, &key, &alt);
			echo_buf_clear(&key);
			echo_attendance_display_name(att->rows[i].name, &key);
			(void)echo_attendance_name_kind(att->rows[i].name);
		}
		echo_buf_free(&key);
		echo_buf_free(&alt);

		echo_session_credit_options opts = {0};
		opts.rule.min_percent = data[0] % 101;
		opts.rule.presence_counts = data[0] & 1;
		if (!att->has_window) {
			opts.has_window = 1;
			echo_wallclock_make(2026, 3, 12, 12, 0, 0, &opts.start);
			echo_wallclock_make(2026, 3, 12, 13, 30, 0, &opts.end);
		}
		/* The export as its own directory of the enrolled. */
		if (data[0] & 2)
			opts.directory = att;
		echo_session_credit *credit = echo_session_credit_compute(att, &opts, &diags);
		if (credit) {
			for (int f = ECHO_TABLE_MARKDOWN; f <= ECHO_TABLE_JSON; f++) {
				echo_buf out = ECHO_BUF_INIT;
				echo_session_credit_write(&out, credit, (echo_table_format)f);
				echo_buf_free(&out);
			}
			echo_series_session sessions[2] = {
				{.credit = credit},
				{.label = "cancelled", .cancelled = 1},
			};
			echo_series_rule rule = {.min_percent = 50, .min_sessions = 1};
			echo_series_credit *series = echo_series_credit_compute(sessions, 2, &rule, &diags);
			if (series) {
				for (int f = ECHO_TABLE_MARKDOWN; f <= ECHO_TABLE_JSON; f++) {
					echo_buf out = ECHO_BUF_INIT;
					echo_series_credit_write(&out, series, (echo_table_format)f);
					echo_buf_free(&out);
				}
			}
			echo_series_credit_free(series);
		}
		echo_session_credit_free(credit);
	}
	echo_attendance_free(att);
	echo_diags_free(&diags);
	return 0;
}
