#include "app/cli/ImportCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliProgress.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "core/csv/CsvSeparator.h"

namespace {

constexpr int EffectsShown = 20;

QString phaseName(BatchImporter::Phase phase)
{
    switch (phase) {
    case BatchImporter::Phase::Reading:
        return ImportCommands::tr("Reading");
    case BatchImporter::Phase::Checking:
        return ImportCommands::tr("Checking");
    case BatchImporter::Phase::Writing:
        return ImportCommands::tr("Writing");
    }
    return {};
}

// "semicolon (;)": the name, and the character itself where it is printable.
QString separatorText(char separator)
{
    if (separator == CsvSeparator::Tab)
        return CsvSeparator::name(separator);
    return ImportCommands::tr("%1 (%2)").arg(CsvSeparator::name(separator), QChar::fromLatin1(separator));
}

QString signedNumber(qint64 value)
{
    return value > 0 ? QLatin1Char('+') + QString::number(value) : QString::number(value);
}

} // namespace

int ImportCommands::importLegacy(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("import-legacy"), QStringLiteral("FILE.csv [--dry-run] | --from-profiles [--dry-run]"),
        tr("Turns legacy totals into transactions: each user's total becomes one MANUAL_ADJUSTMENT / MANUAL "
           "transaction whose sourceId names the batch, and the totals are recalculated. FILE.csv has the columns "
           "userId,totalXP and optionally email,name (to create missing users). A legacy total is only for a user "
           "with no transactions yet; zero totals write nothing. All or nothing: one problem anywhere and nothing "
           "is written. A file is imported once."));
    parser.setMaxPositional(1);
    parser.addOption(QStringLiteral("dry-run"), {}, tr("Check everything and show what would happen; change nothing."));
    parser.addOption(QStringLiteral("from-profiles"), {},
                     tr("Instead of a file: every UserProfile.totalXP that has no transactions behind it."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const bool fromProfiles = parser.isSet(QStringLiteral("from-profiles"));
    const QStringList files = parser.positional();
    if (fromProfiles && !files.isEmpty())
        return out.fail(parser.usageError(tr("give either FILE.csv or --from-profiles, not both")));
    if (!fromProfiles && files.isEmpty())
        return out.fail(parser.usageError(tr("give the FILE.csv to import, or --from-profiles")));
    return run(fromProfiles ? ImportKind::Profiles : ImportKind::Legacy, files.value(0),
               parser.isSet(QStringLiteral("dry-run")));
}

int ImportCommands::adjustBulk(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("adjust-bulk"), QStringLiteral("FILE.csv [--dry-run]"),
        tr("Applies many adjustments at once: FILE.csv has the columns userId,amount,reason and optionally "
           "category, sourceType, sourceId, description (defaults MANUAL, MANUAL_ADJUSTMENT, the batch id, the "
           "reason). Each row is one audited adjustment; one above the approval threshold (pending threshold) is "
           "held as a pending request for another admin instead. All or nothing: one problem anywhere and nothing is "
           "written. A file is imported once."));
    parser.setMaxPositional(1);
    parser.addOption(QStringLiteral("dry-run"), {}, tr("Check everything and show what would happen; change nothing."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (parser.positional().isEmpty())
        return out.fail(parser.usageError(tr("give the FILE.csv to apply")));
    return run(ImportKind::Adjust, parser.positional().constFirst(), parser.isSet(QStringLiteral("dry-run")));
}

int ImportCommands::run(ImportKind kind, const QString &file, bool dryRun)
{
    CliOutput &out = m_context.out();
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    const InterruptGuard guard;
    CliProgress shown(out);
    const auto progress = [&](BatchImporter::Phase phase, qint64 done, qint64 total) {
        return shown.update([&]() -> QString {
            const QString unit = phase == BatchImporter::Phase::Reading ? tr("bytes") : tr("rows");
            return tr("%1: %2/%3 %4, %5 %4/s")
                .arg(phaseName(phase))
                .arg(done)
                .arg(total >= 0 ? QString::number(total) : QStringLiteral("?"), unit)
                .arg(shown.perSecond(done));
        });
    };
    BatchImporter importer(**db);
    const auto result = kind == ImportKind::Profiles ? importer.importProfiles(dryRun, progress)
                                                     : importer.importFile(kind, file, dryRun, progress);
    out.endProgress();
    if (!result)
        return out.fail(result.error());
    return report(*result);
}

int ImportCommands::report(const ImportReport &report)
{
    CliOutput &out = m_context.out();
    if (out.json())
        out.printJson(report.toJson());
    if (!report.alreadyImported.isEmpty()) {
        if (!out.json())
            out.print(
                tr("%1 was imported before (%2): nothing was changed.").arg(report.fileName, report.alreadyImported));
        return ExitCode::Ok;
    }
    if (!out.json()) {
        const bool legacy = report.kind != ImportKind::Adjust;
        QString state = report.applied ? tr("applied")
            : report.hasProblems()     ? tr("refused: nothing was changed")
            : report.dryRun            ? tr("dry run: nothing was changed")
                                       : tr("nothing to write");
        out.print(tr("Batch %1 from %2 (%3)").arg(report.batchId, report.fileName, state));
        QList<QStringList> rows;
        if (report.kind != ImportKind::Profiles)
            rows << QStringList{tr("Separator:"), separatorText(report.separator)};
        rows << QList<QStringList>{
            {tr("Rows read:"), QString::number(report.rowsRead)},
            {tr("Transactions:"), QString::number(report.transactions)},
            {tr("Users:"), QString::number(report.users)},
        };
        if (legacy)
            rows << QStringList{tr("Zero totals (no row):"), QString::number(report.zeroTotals)}
                 << QStringList{tr("Users created:"), QString::number(report.usersCreated)};
        rows << QStringList{legacy ? tr("Legacy grand total:") : tr("Grand total before:"),
                            QString::number(report.totalBefore)}
             << QStringList{legacy ? tr("Ledger grand total after:") : tr("Grand total after:"),
                            QString::number(report.totalAfter)};
        if (legacy && !report.hasProblems())
            rows << QStringList{QString(), report.totalBefore == report.totalAfter ? tr("(equal)") : tr("(NOT EQUAL)")};
        if (!legacy)
            rows << QStringList{tr("Held for approval:"),
                                report.heldByLimits()
                                    ? tr("%1 (above the approval threshold or your limits)").arg(report.held)
                                    : report.threshold ? tr("%1 (above %2 XP)").arg(report.held).arg(*report.threshold)
                                                       : tr("0 (approval is off)")};
        rows << QStringList{tr("Problems:"), QString::number(report.problemCount)}
             << QStringList{tr("Elapsed:"),
                            tr("%1 s, %2 rows/s")
                                .arg(QString::number(double(report.milliseconds) / 1000.0, 'f', 2))
                                .arg(qRound64(report.rowsPerSecond()))};
        out.write(CliFormat::table(rows, {false, true}));
        if (!report.hasProblems() && !report.effects.isEmpty()) {
            QList<QStringList> effects{{tr("USER"), tr("BEFORE"), tr("CHANGE"), tr("AFTER"), QString()}};
            for (const ImportUserEffect &effect : report.effects.mid(0, EffectsShown))
                effects << QStringList{effect.userId, QString::number(effect.before), signedNumber(effect.change),
                                       QString::number(effect.after), effect.created ? tr("new user") : QString()};
            out.print();
            out.write(CliFormat::table(effects, {false, true, true, true, false}));
            if (report.users > EffectsShown)
                out.print(tr("… and %n more users (--json lists up to %1)", nullptr, int(report.users - EffectsShown))
                              .arg(ImportReport::MaxEffectsKept));
        }
        if (!report.hasProblems() && !report.holds.isEmpty()) {
            out.print();
            out.print(report.applied ? tr("Held for another person's approval (xpadmin-cli pending list):")
                                     : tr("Would be held for another person's approval:"));
            QList<QStringList> holds{
                {tr("LINE"), tr("USER"), tr("AMOUNT"), tr("HELD FOR"), report.applied ? tr("REQUEST") : QString()}};
            for (const ImportHold &hold : report.holds.mid(0, EffectsShown))
                holds << QStringList{QString::number(hold.line), hold.userId, signedNumber(hold.amount),
                                     HoldReasons::key(hold.heldFor), report.applied ? hold.requestId : QString()};
            out.write(CliFormat::table(holds, {true, false, true, false, false}));
            if (report.held > EffectsShown)
                out.print(tr("… and %n more held (--json lists up to %1)", nullptr, int(report.held - EffectsShown))
                              .arg(ImportReport::MaxEffectsKept));
        }
        for (const CsvProblem &problem : report.problems)
            out.print(problem.message);
        if (report.problemCount > report.problems.size())
            out.print(tr("… and %n more problems", nullptr, int(report.problemCount - report.problems.size())));
    }
    if (report.hasProblems()) {
        out.note(
            tr("%n problem(s) in %1; nothing was changed", nullptr, int(report.problemCount)).arg(report.fileName));
        return ExitCode::Usage;
    }
    return ExitCode::Ok;
}
