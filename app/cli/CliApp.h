#pragma once

#include "app/cli/CliOutput.h"

#include <QCoreApplication>
#include <QStringList>

// xpadmin-cli: reads the global options (--db, --actor, --json, --help, --version), runs the
// command named after them, and returns the exit status.
class CliApp final
{
    Q_DECLARE_TR_FUNCTIONS(CliApp)

public:
    // arguments as QCoreApplication::arguments() gives them, program name first.
    int run(const QStringList &arguments);

private:
    static QString helpText();

    CliOutput m_out;
};
