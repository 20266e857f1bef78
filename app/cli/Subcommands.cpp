#include "app/cli/Subcommands.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "core/domain/Validation.h"

int Subcommands::run(CliOutput &out, const QString &command, const QStringList &arguments, const QList<Entry> &entries,
                     const QString &usage)
{
    const QString sub = arguments.value(0);
    QStringList names;
    for (const Entry &entry : entries) {
        if (entry.name == sub)
            return entry.run(arguments.mid(1));
        names << entry.name;
    }
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out.write(usage);
        return ExitCode::Ok;
    }
    const QString last = names.takeLast();
    const QString choices = names.isEmpty() ? last : tr("%1 or %2").arg(names.join(QStringLiteral(", ")), last);
    if (sub.isEmpty())
        return out.usage(tr("%1: give a subcommand, %2 (see xpadmin-cli %1 --help)").arg(command, choices));
    return out.usage(tr("%1: unknown subcommand %2; use %3 (see xpadmin-cli %1 --help)")
                         .arg(command, Validation::quoted(sub), choices));
}
