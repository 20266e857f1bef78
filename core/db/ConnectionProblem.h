#pragma once

#include "core/db/ConnectionSpec.h"

#include <QString>

// Why a connection failed, in a sentence a person can act on. libpq's English texts for TLS and
// certificate failures are recognised and said plainly, naming the files and host names
// involved; libpq's own words follow as the detail. Other failures keep libpq's words alone.
namespace ConnectionProblem {

QString explain(const ConnectionSpec &spec, const QString &libpqText);

} // namespace ConnectionProblem
