#include "app/cli/QueryCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStandby.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "core/charts/BoundedTopUsers.h"
#include "core/charts/ChartFigures.h"
#include "core/charts/ChartQuery.h"
#include "core/domain/Validation.h"
#include "core/history/AsOfRows.h"
#include "core/history/HistoryCsvExport.h"
#include "core/history/HistoryQuery.h"
#include "core/history/TotalsQuery.h"
#include "core/reasons/ReasonCodes.h"
#include "core/users/Users.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace {

// Rows fetched per round trip: memory stays flat however many rows are printed.
constexpr int HistoryPageSize = 1000;
constexpr int DefaultHistoryLimit = 100;

void addFilterOptions(CommandParser &parser)
{
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), QueryCommands::tr("Only this user."));
    parser.addOption(QStringLiteral("since"), QStringLiteral("DATE"),
                     QueryCommands::tr("From this date or date-time on (local time unless it ends in Z)."));
    parser.addOption(QStringLiteral("until"), QStringLiteral("DATE"),
                     QueryCommands::tr("Up to this date (the whole day) or date-time."));
    parser.addOption(
        QStringLiteral("category"), QStringLiteral("C"),
        QueryCommands::tr("Only one category: %1.").arg(XpEnums::categoryNames().join(QStringLiteral(", "))));
    parser.addOption(
        QStringLiteral("source-type"), QStringLiteral("T"),
        QueryCommands::tr("Only one source type: %1.").arg(XpEnums::sourceTypeNames().join(QStringLiteral(", "))));
    parser.addOption(QStringLiteral("as-of"), QStringLiteral("DATE"),
                     QueryCommands::tr("The ledger as it stood at this moment (a date alone: the end of that day), "
                                       "rebuilt from the audit log: rows removed since are in it, rows added since "
                                       "are not."));
}

Result<HistoryFilter> readFilter(const CommandParser &parser)
{
    HistoryFilter filter;
    const auto user = parser.optionalText(QStringLiteral("user"), Validation::MaxIdLength);
    if (!user)
        return user.error();
    const auto since = parser.date(QStringLiteral("since"), false);
    if (!since)
        return since.error();
    const auto until = parser.date(QStringLiteral("until"), true);
    if (!until)
        return until.error();
    const auto category = parser.optionalCategory(QStringLiteral("category"));
    if (!category)
        return category.error();
    const auto sourceType = parser.optionalSourceType(QStringLiteral("source-type"));
    if (!sourceType)
        return sourceType.error();
    const auto asOf = parser.moment(QStringLiteral("as-of"));
    if (!asOf)
        return asOf.error();
    filter.asOf = *asOf;
    filter.userId = user->trimmed();
    filter.since = *since;
    filter.until = *until;
    filter.category = *category;
    filter.sourceType = *sourceType;
    return filter;
}

// Opens the ledger for reading; a --user that names nobody is an error, not an empty answer.
Result<Database *> openFor(CliContext &context, const HistoryFilter &filter)
{
    auto db = context.open(CliContext::Access::ReadStandby);
    if (!db || filter.userId.isEmpty())
        return db;
    auto user = Users(**db).find(filter.userId);
    if (!user)
        return user.error();
    if (!user->has_value())
        return Error::input(
            QueryCommands::tr("Unknown user %1: no such id in \"User\"").arg(Validation::quoted(filter.userId)));
    return db;
}

// Above the rows of a moment in the past: which moment, and from when the log proves it.
void printAsOfNote(CliOutput &out, Database &db, const HistoryFilter &filter)
{
    if (!filter.asOf.isValid() || out.json())
        return;
    const QString moment = filter.asOf.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    out.print(QueryCommands::tr("As of %1 (local time), rebuilt from the audit log").arg(moment));
    const auto begins = AsOfRows::logBegins(db);
    if (begins && (!begins->isValid() || filter.asOf < *begins))
        out.note(begins->isValid()
                     ? QueryCommands::tr("The audit log begins at %1: before it, rows are placed by their creation "
                                         "time, and rows removed before then are not known.")
                           .arg(begins->toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                     : QueryCommands::tr("The audit log is empty: rows are placed by their creation time."));
}

QString keyHeading(TotalsQuery::GroupBy groupBy)
{
    switch (groupBy) {
    case TotalsQuery::GroupBy::Nothing:
        return {};
    case TotalsQuery::GroupBy::Category:
        return QueryCommands::tr("CATEGORY");
    case TotalsQuery::GroupBy::SourceType:
        return QueryCommands::tr("SOURCE TYPE");
    case TotalsQuery::GroupBy::Day:
        return QueryCommands::tr("DAY");
    case TotalsQuery::GroupBy::Week:
        return QueryCommands::tr("WEEK OF");
    case TotalsQuery::GroupBy::Month:
        return QueryCommands::tr("MONTH OF");
    case TotalsQuery::GroupBy::User:
        return QueryCommands::tr("USER");
    case TotalsQuery::GroupBy::ReasonCode:
        return QueryCommands::tr("REASON CODE");
    }
    return {};
}

} // namespace

int QueryCommands::history(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("history"),
                         QStringLiteral("[--user ID] [--since DATE] [--until DATE] [--category C] [--source-type T] "
                                        "[--text T] [--limit N] [--out FILE.csv [--separator SEP] [--bom]]"),
                         tr("Lists transactions, newest first, one per line: createdAt (UTC), amount, source type, "
                            "source id, category, user id, transaction id, description. With --out, writes every "
                            "transaction that matches to a CSV file instead."));
    addFilterOptions(parser);
    parser.addOption(QStringLiteral("text"), QStringLiteral("T"),
                     tr("Only transactions whose description or source id contains T, or whose id is T."));
    parser.addOption(QStringLiteral("limit"), QStringLiteral("N"),
                     tr("At most N transactions (default %1; 0 means all).").arg(DefaultHistoryLimit));
    parser.addOption(QStringLiteral("out"), QStringLiteral("FILE"),
                     tr("Write every matching transaction to this CSV file (no --limit); it appears only when "
                        "complete."));
    parser.addCsvFormatOptions();
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    auto filter = readFilter(parser);
    if (!filter)
        return out.fail(filter.error());
    const auto text = parser.optionalText(QStringLiteral("text"), Validation::MaxDescriptionLength);
    if (!text)
        return out.fail(text.error());
    filter->text = *text;
    const auto limit
        = parser.integer(QStringLiteral("limit"), DefaultHistoryLimit, 0, std::numeric_limits<qint32>::max());
    if (!limit)
        return out.fail(limit.error());

    if (parser.isSet(QStringLiteral("out")))
        return exportHistory(parser, *filter);
    if (parser.isSet(QStringLiteral("separator")) || parser.isSet(QStringLiteral("bom")))
        return out.fail(parser.usageError(tr("--separator and --bom are for --out FILE.csv")));

    auto db = openFor(m_context, *filter);
    if (!db)
        return out.fail(db.error());
    HistoryQuery query(**db);
    std::optional<HistoryCursor> cursor;
    qint64 shown = 0;
    bool more = false;
    CliStandby &standby = m_context.standby();
    if (out.json())
        out.write(standby.jsonPrefix() + QStringLiteral("["));
    else
        standby.printAsOf();
    printAsOfNote(out, **db, *filter);
    for (;;) {
        int wanted = HistoryPageSize;
        if (*limit > 0) {
            const qint64 remaining = *limit - shown;
            // One row past the limit tells whether there is more.
            wanted = static_cast<int>(std::min<qint64>(HistoryPageSize, remaining + 1));
        }
        auto page = query.page(*filter, cursor, wanted);
        if (!page)
            return out.fail(page.error());
        for (const XpTransaction &row : std::as_const(*page)) {
            if (*limit > 0 && shown == *limit) {
                more = true;
                break;
            }
            if (out.json())
                out.write((shown == 0 ? QStringLiteral("\n  ") : QStringLiteral(",\n  "))
                          + QString::fromUtf8(QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact)));
            else
                out.print(CliFormat::transactionLine(row));
            ++shown;
        }
        if (more || page->size() < wanted)
            break;
        cursor = HistoryCursor{page->constLast().createdAt, page->constLast().id};
    }
    if (out.json())
        out.write((shown == 0 ? QStringLiteral("]") : QStringLiteral("\n]")) + standby.jsonSuffix()
                  + QLatin1Char('\n'));
    else if (shown == 0)
        out.note(tr("No transactions match."));
    else if (more)
        out.note(tr("More transactions match than --limit %1 shows; use --limit 0 for all.").arg(shown));
    return ExitCode::Ok;
}

int QueryCommands::exportHistory(const CommandParser &parser, const HistoryFilter &filter)
{
    CliOutput &out = m_context.out();
    if (parser.isSet(QStringLiteral("limit")))
        return out.fail(parser.usageError(tr("--limit does not apply to --out, which writes every match")));
    const auto file = parser.text(QStringLiteral("out"), 4096);
    if (!file)
        return out.fail(file.error());
    const auto format = parser.csvFormat();
    if (!format)
        return out.fail(format.error());
    auto db = openFor(m_context, filter);
    if (!db)
        return out.fail(db.error());
    const InterruptGuard guard;
    HistoryCsvExport csv(**db);
    csv.setFormat(*format);
    const auto written = csv.write(filter, HistoryQuery::Order::NewestFirst, *file, [&](qint64 done, qint64 total) {
        out.progress(tr("Writing %1: %2 of %n transaction(s)", nullptr, int(total)).arg(*file).arg(done));
        return !InterruptGuard::interrupted();
    });
    out.endProgress();
    if (!written)
        return out.fail(written.error());
    CliStandby &standby = m_context.standby();
    if (out.json()) {
        out.printJson(standby
                          .wrap(QJsonObject{{QStringLiteral("file"), *file},
                                            {QStringLiteral("transactions"), *written},
                                            {QStringLiteral("separator"), CsvSeparator::key(format->separator)},
                                            {QStringLiteral("bom"), format->byteOrderMark}})
                          .toObject());
    } else {
        standby.printAsOf();
        out.print(tr("Wrote %n transaction(s) to %1", nullptr, int(*written)).arg(*file));
    }
    return ExitCode::Ok;
}

int QueryCommands::totals(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("totals"),
        QStringLiteral("[--by category|source-type|day|week|month|user|reason-code] [--user ID] [--since DATE] "
                       "[--until DATE] [--limit N] | --chart KIND [--user ID] [--since DATE] [--until DATE]"),
        tr("Sums XP and counts transactions, in all or grouped. Days, weeks (from Monday) and "
           "months are calendar periods in the local time zone."));
    parser.addOption(QStringLiteral("by"), QStringLiteral("G"),
                     tr("Group by %1.").arg(TotalsQuery::groupByNames().join(QStringLiteral(", "))));
    addFilterOptions(parser);
    parser.addOption(QStringLiteral("limit"), QStringLiteral("N"),
                     tr("With --by user: only the N users with the most XP (default 0: all). With --chart "
                        "top-users: that many users (default 10)."));
    parser.addOption(QStringLiteral("chart"), QStringLiteral("KIND"),
                     tr("The figures behind one chart of the desktop application, over whole local days: %1.")
                         .arg(ChartKinds::names().join(QStringLiteral(", "))));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (parser.isSet(QStringLiteral("chart")))
        return chartTotals(parser);
    auto groupBy = std::optional(TotalsQuery::GroupBy::Nothing);
    if (parser.isSet(QStringLiteral("by"))) {
        groupBy = TotalsQuery::groupByFromName(parser.value(QStringLiteral("by")).trimmed());
        if (!groupBy)
            return out.usage(tr("--by %1 is not a grouping; valid names are %2")
                                 .arg(Validation::quoted(parser.value(QStringLiteral("by"))),
                                      TotalsQuery::groupByNames().join(QStringLiteral(", "))));
    }
    const auto filter = readFilter(parser);
    if (!filter)
        return out.fail(filter.error());
    const auto limit = parser.integer(QStringLiteral("limit"), 0, 0, std::numeric_limits<qint32>::max());
    if (!limit)
        return out.fail(limit.error());

    auto db = openFor(m_context, *filter);
    if (!db)
        return out.fail(db.error());
    // The top users of a range of dates: from a few candidates where the rollups bound the rest.
    auto top = *groupBy == TotalsQuery::GroupBy::User
        ? BoundedTopUsers::ofFilter(**db, *filter, static_cast<int>(*limit))
        : Result<std::optional<QList<TopUser>>>(std::nullopt);
    if (!top)
        return out.fail(top.error());
    Result<QList<TotalsRow>> rows = QList<TotalsRow>();
    if (*top) {
        for (const TopUser &user : std::as_const(**top))
            rows->append(TotalsRow{user.userId, user.xp, user.transactions});
    } else {
        rows = TotalsQuery(**db).totals(*groupBy, *filter, static_cast<int>(*limit));
    }
    if (!rows)
        return out.fail(rows.error());

    // By reason code: each code's label beside it.
    const bool byCode = *groupBy == TotalsQuery::GroupBy::ReasonCode;
    ReasonCatalog reasons;
    if (byCode) {
        auto catalog = ReasonCodes(**db).catalog();
        if (!catalog)
            return out.fail(catalog.error());
        reasons = *catalog;
    }
    CliStandby &standby = m_context.standby();
    if (out.json()) {
        QJsonArray array;
        for (const TotalsRow &row : *rows) {
            QJsonObject object{{QStringLiteral("key"), row.key},
                               {QStringLiteral("total"), row.total},
                               {QStringLiteral("count"), row.count}};
            if (byCode)
                object.insert(QStringLiteral("label"), row.key.isEmpty() ? QString() : reasons.label(row.key));
            array.append(object);
        }
        if (standby.isSet())
            out.printJson(standby.wrap(array).toObject());
        else
            out.printJson(array);
        return ExitCode::Ok;
    }
    standby.printAsOf();
    printAsOfNote(out, **db, *filter);
    const bool keyed = *groupBy != TotalsQuery::GroupBy::Nothing;
    QList<QStringList> table;
    QStringList heading{tr("XP"), tr("TRANSACTIONS")};
    if (byCode)
        heading.prepend(tr("LABEL"));
    if (keyed)
        heading.prepend(keyHeading(*groupBy));
    table << heading;
    qint64 total = 0;
    qint64 count = 0;
    for (const TotalsRow &row : *rows) {
        QStringList cells{QString::number(row.total), QString::number(row.count)};
        if (byCode)
            cells.prepend(row.key.isEmpty() ? tr("(no reason code)") : reasons.label(row.key));
        if (keyed)
            cells.prepend(byCode && row.key.isEmpty() ? QStringLiteral("-") : row.key);
        table << cells;
        total += row.total;
        count += row.count;
    }
    // The grand total of the groups; not for a top-N list of users, which is not all of it.
    if (keyed && !(*groupBy == TotalsQuery::GroupBy::User && *limit > 0)) {
        table << QStringList{tr("(all)"), QString::number(total), QString::number(count)};
        if (byCode)
            table.last().insert(1, QString());
    }
    const QList<bool> right = byCode ? QList<bool>{false, false, true, true}
        : keyed                      ? QList<bool>{false, true, true}
                                     : QList<bool>{true, true};
    out.write(CliFormat::table(table, right));
    return ExitCode::Ok;
}

int QueryCommands::chartTotals(const CommandParser &parser)
{
    CliOutput &out = m_context.out();
    const QString name = parser.value(QStringLiteral("chart"));
    const auto kind = ChartKinds::fromName(name);
    if (!kind)
        return out.usage(tr("--chart %1 is not a chart; valid names are %2")
                             .arg(Validation::quoted(name), ChartKinds::names().join(QStringLiteral(", "))));
    for (const QString &other : {QStringLiteral("by"), QStringLiteral("category"), QStringLiteral("source-type")})
        if (parser.isSet(other))
            return out.usage(tr("--chart shows every category and source type; it does not take --%1").arg(other));
    const auto filter = readFilter(parser);
    if (!filter)
        return out.fail(filter.error());
    const auto limit = parser.integer(QStringLiteral("limit"), 10, 1, 1000);
    if (!limit)
        return out.fail(limit.error());
    ChartRequest request;
    request.userId = filter->userId;
    request.asOf = filter->asOf;
    request.first = ChartBuckets::firstDay(filter->since);
    request.last = ChartBuckets::lastDay(filter->until);
    // The top users are the one figure not read with the others: only for the chart that shows them.
    request.topUsers = *kind == ChartKind::TopUsers ? static_cast<int>(*limit) : 0;

    auto db = openFor(m_context, *filter);
    if (!db)
        return out.fail(db.error());
    const auto data = ChartQuery(**db).load(request);
    if (!data)
        return out.fail(data.error());
    if (out.json()) {
        out.printJson(m_context.standby().wrap(ChartFigures::toJson(*data, *kind)).toObject());
        return ExitCode::Ok;
    }
    m_context.standby().printAsOf();
    const QList<QStringList> table = ChartFigures::table(*data, *kind);
    QList<bool> rightAligned(table.constFirst().size(), true);
    rightAligned[0] = false;
    if (*kind == ChartKind::TopUsers)
        rightAligned[1] = rightAligned[2] = false;
    out.print(tr("%1, %2 to %3, %4")
                  .arg(ChartKinds::title(*kind), data->first.toString(Qt::ISODate), data->last.toString(Qt::ISODate),
                       request.userId.isEmpty() || *kind == ChartKind::TopUsers ? tr("everyone")
                                                                                : tr("user %1").arg(request.userId)));
    out.write(CliFormat::table(table, rightAligned));
    return ExitCode::Ok;
}
