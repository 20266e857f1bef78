#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

class CliOutput;

// Opens the database of the command line with the password it needs, trying in turn: the one in
// the URL (with a warning: the shell history keeps it), what libpq finds itself (PGPASSWORD,
// ~/.pgpass), the system keychain, and a prompt on the terminal without echo. The password is
// never printed, logged or stored anywhere but the keychain.
class CliPassword final
{
    Q_DECLARE_TR_FUNCTIONS(CliPassword)

public:
    static Result<std::unique_ptr<Database>> open(const ConnectionSpec &spec, const QString &operatorName,
                                                  CliOutput &out, Database::OpenMode mode);

    // Reads one line from the terminal without showing it; none when standard input is not a
    // terminal (a script) or the person typed nothing.
    static std::optional<QString> ask(const QString &prompt);
    static bool canAsk();
};
