#include "app/cli/StatementCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/StatementText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/statement/LedgerDiff.h"
#include "core/statement/StatementCsv.h"
#include "core/statement/StatementDocument.h"
#include "core/statement/StatementJson.h"
#include "core/statement/StatementQuery.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

QString diffChange(DiffRow::Change change)
{
    switch (change) {
    case DiffRow::Change::Added:
        return StatementCommands::tr("added");
    case DiffRow::Change::Restored:
        return StatementCommands::tr("restored");
    case DiffRow::Change::Removed:
        return StatementCommands::tr("removed");
    }
    return {};
}

QString diffChangeKey(DiffRow::Change change)
{
    switch (change) {
    case DiffRow::Change::Added:
        return QStringLiteral("added");
    case DiffRow::Change::Restored:
        return QStringLiteral("restored");
    case DiffRow::Change::Removed:
        return QStringLiteral("removed");
    }
    return {};
}

} // namespace

int StatementCommands::statement(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("statement"),
                         QStringLiteral("--user ID [--since DATE] [--until DATE] [--as-of DATE] [--pdf FILE] "
                                        "[--csv FILE [--separator SEP] [--bom]] [--show-ids]"),
                         tr("A user's statement, like a bank statement: the balance before the period, every change "
                            "in it with the balance after it, who made it and why, transactions removed and "
                            "restored, subtotals by category and source type, and the balance at the end, which "
                            "equals the cached total when the period ends now."));
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), tr("The user (required)."));
    parser.addOption(QStringLiteral("since"), QStringLiteral("DATE"),
                     tr("From this date or date-time on (local time unless it ends in Z); default: from the "
                        "user's first transaction."));
    parser.addOption(QStringLiteral("until"), QStringLiteral("DATE"),
                     tr("Up to this date (the whole day) or date-time; default: now."));
    parser.addOption(QStringLiteral("as-of"), QStringLiteral("DATE"),
                     tr("The period ends at this moment (a date alone: the end of that day), as the ledger stood "
                        "then; the same as --until for a date-time."));
    parser.addOption(QStringLiteral("pdf"), QStringLiteral("FILE"),
                     tr("Write the statement as a PDF to send to the user: their name, the period and the figures."));
    parser.addOption(QStringLiteral("csv"), QStringLiteral("FILE"), tr("Write the statement's lines as CSV."));
    parser.addOption(QStringLiteral("show-ids"), {}, tr("Show transaction and user ids in the PDF."));
    parser.addCsvFormatOptions();
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto user = parser.text(QStringLiteral("user"), Validation::MaxIdLength);
    if (!user)
        return out.fail(parser.usageError(tr("give the user: --user ID")));
    const auto since = parser.date(QStringLiteral("since"), false);
    if (!since)
        return out.fail(since.error());
    auto until = parser.date(QStringLiteral("until"), true);
    if (!until)
        return out.fail(until.error());
    const auto asOf = parser.moment(QStringLiteral("as-of"));
    if (!asOf)
        return out.fail(asOf.error());
    if (asOf->isValid()) {
        if (until->isValid())
            return out.fail(parser.usageError(tr("give the period's end once: --until or --as-of")));
        *until = asOf->addMSecs(1);
    }
    if ((parser.isSet(QStringLiteral("separator")) || parser.isSet(QStringLiteral("bom")))
        && !parser.isSet(QStringLiteral("csv")))
        return out.fail(parser.usageError(tr("--separator and --bom are for --csv FILE")));
    auto format = parser.csvFormat();
    if (!format)
        return out.fail(format.error());

    auto db = m_context.open(CliContext::Access::ReadStandby);
    if (!db)
        return out.fail(db.error());
    auto read = StatementQuery(**db).read(user->trimmed(), *since, *until);
    if (!read)
        return out.fail(read.error());
    const Statement &statement = *read;
    if (parser.isSet(QStringLiteral("pdf"))) {
        StatementDocument::Options options;
        options.showIds = parser.isSet(QStringLiteral("show-ids"));
        if (const Status s = StatementDocument::writePdf(statement, parser.value(QStringLiteral("pdf")), options); !s)
            return out.fail(s.error());
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        if (const Status s = StatementCsv::write(statement, parser.value(QStringLiteral("csv")), *format); !s)
            return out.fail(s.error());
    }
    if (out.json())
        out.printJson(StatementJson::toJson(statement));
    else if (!parser.isSet(QStringLiteral("pdf")) && !parser.isSet(QStringLiteral("csv")))
        out.write(StatementText::text(statement));
    if (!statement.reconciles())
        out.note(tr("The statement does not reconcile with the ledger: run xpadmin-cli verify, which names what "
                    "differs."));
    return statement.reconciles() ? ExitCode::Ok : ExitCode::Problems;
}

int StatementCommands::diff(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("diff"), QStringLiteral("--from DATE --to DATE [--user ID]"),
                         tr("What changed in the ledger between two moments: the transactions added, removed and "
                            "restored, and each user's total before and after, reconciled (before + added - removed "
                            "= after). The audit events in between are checked against the hash chain."));
    parser.addOption(QStringLiteral("from"), QStringLiteral("DATE"),
                     tr("The earlier moment (a date alone: the end of that day)."));
    parser.addOption(QStringLiteral("to"), QStringLiteral("DATE"), tr("The later moment."));
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), tr("Only this user."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto from = parser.moment(QStringLiteral("from"));
    if (!from)
        return out.fail(from.error());
    const auto to = parser.moment(QStringLiteral("to"));
    if (!to)
        return out.fail(to.error());
    if (!from->isValid() || !to->isValid())
        return out.fail(parser.usageError(tr("give both moments: --from DATE --to DATE")));
    const auto user = parser.optionalText(QStringLiteral("user"), Validation::MaxIdLength);
    if (!user)
        return out.fail(user.error());

    auto db = m_context.open(CliContext::Access::ReadStandby);
    if (!db)
        return out.fail(db.error());
    auto read = LedgerDiffQuery(**db).read(*from, *to, user->trimmed());
    if (!read)
        return out.fail(read.error());
    const LedgerDiff &diff = *read;
    if (out.json()) {
        QJsonArray rows;
        for (const DiffRow &row : diff.rows) {
            QJsonObject object = row.row.toJson();
            object.insert(QStringLiteral("change"), diffChangeKey(row.change));
            rows.append(object);
        }
        QJsonArray users;
        for (const DiffUser &u : diff.users)
            users.append(QJsonObject{{QStringLiteral("userId"), u.userId},
                                     {QStringLiteral("before"), u.before},
                                     {QStringLiteral("added"), u.added},
                                     {QStringLiteral("removed"), u.removed},
                                     {QStringLiteral("after"), u.after},
                                     {QStringLiteral("reconciles"), u.reconciles()}});
        QJsonObject object{{QStringLiteral("from"), Timestamp::toIso(diff.from)},
                           {QStringLiteral("to"), Timestamp::toIso(diff.to)},
                           {QStringLiteral("rows"), rows},
                           {QStringLiteral("users"), users},
                           {QStringLiteral("reconciles"), diff.reconciles()},
                           {QStringLiteral("eventsChecked"), diff.eventsChecked},
                           {QStringLiteral("chainIntact"), !diff.brokenSeq}};
        if (diff.logBegins.isValid())
            object.insert(QStringLiteral("logBegins"), Timestamp::toIso(diff.logBegins));
        out.printJson(object);
    } else {
        out.print(tr("Changes from %1 to %2 (local time)")
                      .arg(StatementText::localTime(diff.from), StatementText::localTime(diff.to)));
        QList<QStringList> rows{{tr("CHANGE"), tr("AMOUNT"), tr("USER"), tr("CREATED"), tr("SOURCE"), tr("ID")}};
        for (const DiffRow &row : diff.rows)
            rows << QStringList{diffChange(row.change),
                                CliFormat::signedAmount(row.row.amount),
                                row.row.userId,
                                StatementText::localTime(row.row.createdAt),
                                XpEnums::name(row.row.sourceType) + QLatin1Char(' ') + row.row.sourceId,
                                row.row.id};
        if (diff.rows.isEmpty())
            out.print(tr("No transaction was added or removed."));
        else
            out.write(CliFormat::table(rows, {false, true, false, false, false, false}));
        out.print();
        QList<QStringList> users{{tr("USER"), tr("BEFORE"), tr("ADDED"), tr("REMOVED"), tr("AFTER"), tr("RECONCILED")}};
        for (const DiffUser &u : diff.users)
            users << QStringList{u.label.isEmpty() ? u.userId
                                                   : u.label + QStringLiteral(" (") + u.userId + QLatin1Char(')'),
                                 QString::number(u.before),
                                 QString::number(u.added),
                                 QString::number(u.removed),
                                 QString::number(u.after),
                                 u.reconciles() ? tr("yes") : tr("NO")};
        if (diff.users.size() > 0)
            out.write(CliFormat::table(users, {false, true, true, true, true, false}));
        out.print(diff.brokenSeq
                      ? tr("Audit chain: BROKEN: %1").arg(diff.brokenReason)
                      : tr("Audit chain: the %n event(s) in between are intact.", nullptr, int(diff.eventsChecked)));
        if (diff.logBegins.isValid() && diff.from < diff.logBegins)
            out.note(tr("The audit log begins at %1: before it, rows are placed by their creation time and "
                        "removals are not known.")
                         .arg(StatementText::localTime(diff.logBegins)));
    }
    if (diff.brokenSeq || !diff.reconciles())
        return ExitCode::Problems;
    return ExitCode::Ok;
}
