// xpadmin-bench: XP Admin beside the raw database engine, figure by figure (issue 6).
//
//   xpadmin-bench [--db PATH|URL] [--users N] [--transactions M] [--days D] [--json FILE] [--only 1,4,...]
//                 [--reuse] [--repeat R] [--awards N] [--load-rows N] [--walk-rows N] [--legacy-users N]
//                 [--statement-rows N] [--rollback-rows N] [--prisma-client FILE]

#include "tests/benchmarks/BenchOptions.h"
#include "tests/benchmarks/BenchRunner.h"
#include "tests/benchmarks/ResultTable.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace {

// A whole number option within [min, max]; an error names the option.
bool readNumber(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max, qint64 &out)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        std::fprintf(stderr, "xpadmin-bench: --%s \"%s\" is not a whole number from %lld to %lld\n", qPrintable(name),
                     qPrintable(parser.value(name)), static_cast<long long>(min), static_cast<long long>(max));
        return false;
    }
    out = value;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures XP Admin beside the raw database engine doing the same work, in the same run, and prints a "
        "table of figure, XP Admin time, raw time and their ratio."));
    parser.addHelpOption();
    BenchOptions options;
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("SQLite file or postgresql:// URL (default: xpadmin-bench.sqlite)."),
         QStringLiteral("PATH|URL"), QStringLiteral("xpadmin-bench.sqlite")},
        {QStringLiteral("users"), QStringLiteral("Users in the data set (default %1).").arg(options.users),
         QStringLiteral("N")},
        {QStringLiteral("transactions"),
         QStringLiteral("Transactions in the data set (default %1).").arg(options.transactions), QStringLiteral("M")},
        {QStringLiteral("json"), QStringLiteral("Also write the results as JSON to FILE."), QStringLiteral("FILE")},
        {QStringLiteral("only"), QStringLiteral("Only these figures, e.g. 1,4,5c."), QStringLiteral("FIGURES")},
        {QStringLiteral("days"),
         QStringLiteral("Days up to today the generated transactions spread over (default %1; figure 12 reads "
                        "three years: 1095).")
             .arg(options.days),
         QStringLiteral("D")},
        {QStringLiteral("reuse"),
         QStringLiteral("Measure the data set already in the database, if it has the size asked for.")},
        {QStringLiteral("repeat"),
         QStringLiteral("Timed runs of each figure, the median reported (default %1; pages run 5 times as many).")
             .arg(options.repeat),
         QStringLiteral("R")},
        {QStringLiteral("awards"),
         QStringLiteral("Single awards of figure 7, and of figure 11 with capture on and off each (default %1).")
             .arg(options.awards),
         QStringLiteral("N")},
        {QStringLiteral("load-rows"), QStringLiteral("Rows loaded by figure 1 (default %1).").arg(options.loadRows),
         QStringLiteral("N")},
        {QStringLiteral("walk-rows"),
         QStringLiteral("Rows fetched through the model by figure 6 (default %1).").arg(options.walkRows),
         QStringLiteral("N")},
        {QStringLiteral("legacy-users"),
         QStringLiteral("Users in figure 9's legacy file (default %1).").arg(options.legacyUsers), QStringLiteral("N")},
        {QStringLiteral("statement-rows"),
         QStringLiteral("Transactions of the user whose statement figure 10a reads (default %1).")
             .arg(options.statementRows),
         QStringLiteral("N")},
        {QStringLiteral("rollback-rows"),
         QStringLiteral("Transactions figure 13 rolls back and restores (default %1).").arg(options.rollbackRows),
         QStringLiteral("N")},
        {QStringLiteral("prisma-client"),
         QStringLiteral(
             "PostgreSQL: figures 7 and 11 also time the web app's own award through its Prisma client, FILE "
             "(webapp.js, built by scripts/prisma-client.sh)."),
         QStringLiteral("FILE")},
    });
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "xpadmin-bench: unexpected argument \"%s\"\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return 2;
    }
    options.db = parser.value(QStringLiteral("db"));
    options.jsonFile = parser.value(QStringLiteral("json"));
    options.reuse = parser.isSet(QStringLiteral("reuse"));
    options.prismaClient = parser.value(QStringLiteral("prisma-client"));
    if (parser.isSet(QStringLiteral("only")))
        options.only = parser.value(QStringLiteral("only")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    qint64 users = options.users, days = options.days, repeat = options.repeat, awards = options.awards,
           loadRows = options.loadRows, legacyUsers = options.legacyUsers, statementRows = options.statementRows,
           rollbackRows = options.rollbackRows;
    if (!readNumber(parser, QStringLiteral("users"), 1, 10'000'000, users)
        || !readNumber(parser, QStringLiteral("transactions"), 1, 1'000'000'000, options.transactions)
        || !readNumber(parser, QStringLiteral("days"), 1, 36'500, days)
        || !readNumber(parser, QStringLiteral("repeat"), 1, 1000, repeat)
        || !readNumber(parser, QStringLiteral("awards"), 1, 10'000'000, awards)
        || !readNumber(parser, QStringLiteral("load-rows"), 1, 100'000'000, loadRows)
        || !readNumber(parser, QStringLiteral("walk-rows"), 1, 1'000'000'000, options.walkRows)
        || !readNumber(parser, QStringLiteral("legacy-users"), 1, 10'000'000, legacyUsers)
        || !readNumber(parser, QStringLiteral("statement-rows"), 1, 10'000'000, statementRows)
        || !readNumber(parser, QStringLiteral("rollback-rows"), 1, 1'000'000, rollbackRows))
        return 2;
    options.users = static_cast<int>(users);
    options.days = static_cast<int>(days);
    options.repeat = static_cast<int>(repeat);
    options.awards = static_cast<int>(awards);
    options.loadRows = static_cast<int>(loadRows);
    options.legacyUsers = static_cast<int>(legacyUsers);
    options.statementRows = static_cast<int>(statementRows);
    options.rollbackRows = static_cast<int>(rollbackRows);

    BenchRunner runner(options);
    const Status status = runner.run();
    if (!status) {
        std::fprintf(stderr, "xpadmin-bench: %s\n", qPrintable(status.error().message));
        return status.error().kind == Error::Kind::Input ? 2 : 3;
    }
    std::printf("%s\n%s", qPrintable(runner.header()), qPrintable(ResultTable::text(runner.results())));
    if (!options.jsonFile.isEmpty()) {
        if (const Status s = ResultTable::writeJson(runner.results(), runner.common(), options.jsonFile); !s) {
            std::fprintf(stderr, "xpadmin-bench: %s\n", qPrintable(s.error().message));
            return 3;
        }
    }
    return 0;
}
