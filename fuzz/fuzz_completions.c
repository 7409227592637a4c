/* Fuzz target: a completions CSV (echo_completions_load) against a fixed
 * set of requirements, then certification of a one-person series on it
 * (echo_series_credit_certify), what each person lacks, and the series'
 * reports in every format.  The first byte picks how many requirements
 * the series lists (0 to 3) and whether one is met by training days. */
#include <stddef.h>
#include <stdint.h>

#include <echo/attendance.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char roster[] = "Ana Ruiz <ana.ruiz@example.org>\nBen Ode <ben.ode@example.org>\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	echo_requirement reqs[3] = {
		{.id = "ethics", .title = "Ethics course", .hours = 1500},
		{.id = "practicum", .title = "Practicum"},
		{.id = "training", .title = "Training days", .by_training_days = data[0] & 4},
	};
	size_t count = data[0] & 3;
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_completions *done = echo_completions_load("fuzz.csv", (const char *)data + 1,
	                                               size - 1, reqs, count, &diags);
	if (done) {
		echo_attendance *att = echo_attendance_load("roster.txt", roster, sizeof roster - 1,
		                                            ECHO_ATTENDANCE_ROSTER, NULL, &diags);
		echo_session_credit_options opts = {0};
		opts.rule.presence_counts = 1;
		opts.has_window = 1;
		echo_wallclock_make(2026, 3, 12, 12, 0, 0, &opts.start);
		echo_wallclock_make(2026, 3, 12, 13, 30, 0, &opts.end);
		echo_session_credit *credit = att ? echo_session_credit_compute(att, &opts, &diags) : NULL;
		echo_series_session sessions[1] = {{.credit = credit}};
		echo_series_rule rule = {.min_percent = 50, .min_sessions = 1};
		echo_series_credit *series =
			credit ? echo_series_credit_compute(sessions, 1, &rule, &diags) : NULL;
		int training[1] = {1};
		if (series && echo_series_credit_certify(series, reqs, count, done,
		                                         (data[0] & 8) ? training : NULL, &diags) == 0) {
			echo_buf out = ECHO_BUF_INIT;
			for (size_t i = 0; i < series->count; i++)
				echo_series_person_lacking(series, &series->people[i], &out);
			for (int f = ECHO_TABLE_MARKDOWN; f <= ECHO_TABLE_JSON; f++)
				echo_series_credit_write(&out, series, (echo_table_format)f);
			echo_buf_free(&out);
		}
		echo_series_credit_free(series);
		echo_session_credit_free(credit);
		echo_attendance_free(att);
	}
	echo_completions_free(done);
	echo_diags_free(&diags);
	return 0;
}
