#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class CliOutput;

// A command of subcommands (alerts show|set|check, period close|reopen|list, ...): runs the one
// named first with the rest of the arguments; --help prints the command's usage; none or an
// unknown one is a usage error that lists them ("alerts: give a subcommand, show, set or check
// (see xpadmin-cli alerts --help)").
class Subcommands final
{
    Q_DECLARE_TR_FUNCTIONS(Subcommands)

public:
    struct Entry
    {
        QString name;
        std::function<int(const QStringList &arguments)> run;
    };

    static int run(CliOutput &out, const QString &command, const QStringList &arguments, const QList<Entry> &entries,
                   const QString &usage);
};
