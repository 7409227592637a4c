/* echo-toolkit library: everything the tools use, in one include. */
#ifndef ECHO_ECHO_H
#define ECHO_ECHO_H

#include "echo/buf.h"
#include "echo/calendar.h"
#include "echo/case.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/escape.h"
#include "echo/file.h"
#include "echo/html.h"
#include "echo/json.h"
#include "echo/notes.h"
#include "echo/pdf.h"
#include "echo/phi.h"
#include "echo/pos.h"
#include "echo/schema.h"
#include "echo/session.h"
#include "echo/suggest.h"
#include "echo/template.h"
#include "echo/view.h"

#endif
