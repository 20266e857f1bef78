#include "core/import/ImportPlanner.h"

#include "core/db/BulkInsert.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"
#include "core/reasons/ReasonCheck.h"
#include "core/reasons/ReasonCodes.h"

#include <QHash>

Status ImportPlanner::holdRows(ImportReport &report, const std::vector<ImportEntry> &entries)
{
    // Row by row in the file's order, as if each were adjusted alone: a row above the person's
    // limit per change, or past their day with the rows before it, waits like one above the
    // threshold. Every row counts toward the day, held ones too (as held adjustments do).
    LimitCheck check(m_db);
    auto limits = check.readConnected();
    if (!limits)
        return limits.error();
    report.limits = *limits;
    report.heldFor.assign(entries.size(), std::nullopt);
    qint64 moved = limits->movedToday;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const qint64 amount = entries[i].amount;
        auto reason = limits->holdFor(amount, moved);
        if (!reason && ApprovalGate::isAbove(amount, report.threshold))
            reason = HoldReason::Threshold;
        report.heldFor[i] = reason;
        moved += qAbs(amount);
    }
    return {};
}

struct ImportPlanner::UserState
{
    bool exists = false;
    qint64 cached = 0; // "UserProfile"."totalXP", 0 without a profile
    qint64 sum = 0;
    qint64 transactions = 0;
    qsizetype effect = -1; // in plan(): the user's place in the effects, once a row of theirs is planned
};

Status ImportPlanner::plan(ImportReport &report, const std::vector<ImportEntry> &entries, std::vector<bool> &create,
                           QList<PendingAdjustment> &held, const BatchImporter::Progress &progress)
{
    const Dialect &d = m_db.dialect();
    const bool pg = d.isPostgres();
    ApprovalGate gate(m_db);
    ReasonCatalog reasons; // the codes a row's reasonCode is checked against
    if (report.kind == ImportKind::Adjust) {
        auto threshold = gate.threshold();
        if (!threshold)
            return threshold.error();
        report.threshold = *threshold;
        auto catalog = ReasonCodes(m_db).catalog();
        if (!catalog)
            return catalog.error();
        reasons = *catalog;
        if (const Status s = holdRows(report, entries); !s)
            return s;
    }
    const auto isHeld = [&](const ImportEntry &entry) {
        return report.kind == ImportKind::Adjust && report.heldFor.at(std::size_t(&entry - entries.data()));
    };
    // The batch's users, in a temporary table that the checks join; held: a row waits for approval.
    const QStringList prepare = pg
        ? QStringList{QStringLiteral("CREATE TEMP TABLE xpadmin_import (line BIGINT, user_id TEXT NOT NULL, "
                                     "amount BIGINT NOT NULL, email TEXT, held INTEGER NOT NULL) ON COMMIT DROP")}
        : QStringList{QStringLiteral("DROP TABLE IF EXISTS temp.xpadmin_import"),
                      QStringLiteral("CREATE TEMP TABLE xpadmin_import (line INTEGER, user_id TEXT NOT NULL, "
                                     "amount INTEGER NOT NULL, email TEXT, held INTEGER NOT NULL)")};
    for (const QString &sql : prepare) {
        if (const Status s = m_db.execute(sql); !s)
            return s;
    }
    {
        const QString p = QStringLiteral("?");
        BulkInsert load(m_db, QStringLiteral("xpadmin_import"),
                        {QStringLiteral("line"), QStringLiteral("user_id"), QStringLiteral("amount"),
                         QStringLiteral("email"), QStringLiteral("held")},
                        {p, p, p, p, p}, 1000);
        qint64 done = 0;
        for (const ImportEntry &entry : entries) {
            if (const Status s
                = load.add({entry.line, entry.userId, entry.amount,
                            entry.email.isEmpty() ? QVariant() : QVariant(entry.email), isHeld(entry) ? 1 : 0});
                !s)
                return s;
            if (progress && ++done % BatchImporter::ProgressStep == 0
                && !progress(BatchImporter::Phase::Checking, done, qint64(entries.size())))
                return Error::cancelled(tr("Import cancelled; nothing was changed"));
        }
        if (const Status s = load.finish(); !s)
            return s;
    }
    // Covers "WHERE held = 0" too: the after-check reads its users from the index in order,
    // where from the table it would sort them first, which is much slower for a migration.
    if (const Status s = m_db.execute(pg ? QStringLiteral("CREATE INDEX ON xpadmin_import (user_id, held)")
                                         : QStringLiteral("CREATE INDEX temp.xpadmin_import_user ON xpadmin_import "
                                                          "(user_id, held)"));
        !s)
        return s;
    if (pg) {
        if (const Status s = m_db.execute(QStringLiteral("ANALYZE xpadmin_import")); !s)
            return s;
    }

    // The batch's users who exist, looked up once a row. A user who does not exist yet has no
    // profile and no transactions (the foreign keys say so): their state is the one not found
    // here, and a migration of a million new users reads no row.
    QHash<QString, UserState> states;
    {
        auto rows = m_db.run(QStringLiteral(
            "SELECT b.user_id, COALESCE(p.\"totalXP\", 0), COALESCE(s.total, 0), COALESCE(s.n, 0) "
            "FROM (SELECT DISTINCT user_id FROM xpadmin_import) b "
            "JOIN \"User\" u ON u.\"id\" = b.user_id "
            "LEFT JOIN \"UserProfile\" p ON p.\"userId\" = b.user_id "
            "LEFT JOIN (SELECT x.\"userId\" AS user_id, SUM(x.\"amount\") AS total, count(*) AS n FROM \"UserXP\" x "
            "WHERE x.\"userId\" IN (SELECT user_id FROM xpadmin_import) GROUP BY x.\"userId\") s "
            "ON s.user_id = b.user_id"));
        if (!rows)
            return rows.error();
        while (rows->next())
            states.insert(rows->text(0), UserState{true, rows->integer(1), rows->integer(2), rows->integer(3)});
    }
    QHash<qint64, QString> emailTaken; // line -> the user who has that email
    if (report.kind == ImportKind::Legacy) {
        auto rows
            = m_db.run(QStringLiteral("SELECT i.line, u.\"id\" FROM xpadmin_import i JOIN \"User\" u ON "
                                      "u.\"email\" = i.email WHERE i.email IS NOT NULL AND u.\"id\" <> i.user_id"));
        if (!rows)
            return rows.error();
        while (rows->next())
            emailTaken.insert(rows->integer(0), rows->text(1));
    }

    create.assign(entries.size(), false);
    QList<ImportUserEffect> effects;
    std::vector<qint64> lastLineOf; // of each effect's user
    QHash<QString, qint64> emailLine; // new users' emails in this file
    qint64 legacyTotal = 0;
    const bool legacy = report.kind != ImportKind::Adjust;
    effects.reserve(qsizetype(entries.size()));
    lastLineOf.reserve(entries.size());
    if (legacy)
        emailLine.reserve(qsizetype(entries.size()));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ImportEntry &entry = entries[i];
        // A user not found is new. A legacy batch names each user once (the reader refuses a
        // second total), so theirs is a state of the row alone; a second adjustment of a new user
        // finds the first one's.
        UserState newUser;
        auto found = states.find(entry.userId);
        if (found == states.end() && !legacy)
            found = states.insert(entry.userId, UserState{});
        UserState &state = found == states.end() ? newUser : *found;
        // Problems are rare: their words are made only for the rows that have one.
        const auto where = [&entry] { return entry.line > 0 ? tr("line %1: ").arg(entry.line) : QString(); };
        const auto user = [&entry] { return Validation::quoted(entry.userId); };
        if (!state.exists) {
            if (!legacy || entry.email.isEmpty()) {
                report.addProblem(entry.line,
                                  legacy ? tr("%1unknown user %2: no such id in \"User\"; add email and "
                                              "name columns to create missing users")
                                               .arg(where(), user())
                                         : tr("%1unknown user %2: no such id in \"User\"").arg(where(), user()));
                continue;
            }
            if (const auto taken = emailTaken.constFind(entry.line); taken != emailTaken.constEnd()) {
                report.addProblem(entry.line,
                                  tr("%1email %2 belongs to another user, %3")
                                      .arg(where(), Validation::quoted(entry.email), Validation::quoted(*taken)));
                continue;
            }
            const QString emailKey = entry.email.toLower();
            if (const auto seen = emailLine.constFind(emailKey); seen != emailLine.constEnd()) {
                report.addProblem(
                    entry.line,
                    tr("%1email %2 is also on line %3").arg(where(), Validation::quoted(entry.email)).arg(*seen));
                continue;
            }
            emailLine.insert(emailKey, entry.line);
        }
        if (legacy && state.transactions > 0) {
            report.addProblem(entry.line,
                              tr("%1user %2 already has %3 transaction(s) in the ledger; a legacy total "
                                 "is only for users who have none")
                                  .arg(where(), user())
                                  .arg(state.transactions));
            continue;
        }
        if (legacy && state.cached != 0 && state.cached != entry.amount) {
            report.addProblem(entry.line,
                              tr("%1user %2 has totalXP %3 in \"UserProfile\", but the file says %4")
                                  .arg(where(), user())
                                  .arg(state.cached)
                                  .arg(entry.amount));
            continue;
        }
        ReasonTag tag;
        if (!legacy) {
            auto checked
                = ReasonCheck::forAdjustment(reasons, entry.reasonTag, tr("line %1: reasonCode").arg(entry.line),
                                             tr("line %1: ticket").arg(entry.line));
            if (!checked) {
                report.addProblem(entry.line, checked.error().message);
                continue;
            }
            tag = *checked;
        }
        if (isHeld(entry)) {
            // Checked like any row, but it waits for a second person instead of being applied.
            AwardRequest request;
            request.userId = entry.userId;
            request.amount = entry.amount;
            request.sourceType = entry.sourceType;
            request.sourceId = entry.sourceId.isEmpty() ? report.batchId : entry.sourceId;
            request.category = entry.category;
            request.description = entry.description;
            request.reasonTag = tag;
            auto pending = gate.makeRequest(
                request, entry.reason + tr(" (import %1, line %2)").arg(report.batchId).arg(entry.line));
            if (!pending) {
                report.addProblem(entry.line, where() + pending.error().message);
                continue;
            }
            pending->heldFor = *report.heldFor[i];
            ++report.held;
            if (report.holds.size() < ImportReport::MaxEffectsKept)
                report.holds << ImportHold{entry.line, entry.userId, entry.amount, pending->id, pending->heldFor};
            held << *pending;
            continue;
        }
        create[i] = !state.exists;
        if (create[i])
            ++report.usersCreated;
        if (entry.amount != 0)
            ++report.transactions;
        if (state.effect < 0) {
            state.effect = effects.size();
            // The total shown before (cached), and after: the sum of the transactions once written.
            effects << ImportUserEffect{entry.userId, state.cached, 0, state.sum, create[i]};
            lastLineOf.push_back(0);
        }
        ImportUserEffect &effect = effects[state.effect];
        effect.after += entry.amount;
        effect.change = effect.after - effect.before;
        if (legacy)
            legacyTotal += entry.amount;
        lastLineOf[std::size_t(state.effect)] = entry.line;
    }
    report.users = effects.size();
    for (qsizetype e = 0; e < effects.size(); ++e) {
        const ImportUserEffect &effect = effects.at(e);
        if (!Validation::fitsTotal(effect.after)) {
            const qint64 line = lastLineOf[std::size_t(e)];
            report.addProblem(
                line,
                tr("%1user %2's total would be %3, past the limit of the 32-bit totalXP column")
                    .arg(line > 0 ? tr("line %1: ").arg(line) : QString(), Validation::quoted(effect.userId))
                    .arg(effect.after));
        }
        report.totalBefore += effect.before;
        report.totalAfter += effect.after;
    }
    // For a migration, "before" is the legacy system's grand total, which the ledger must equal.
    if (legacy)
        report.totalBefore = legacyTotal;
    if (report.hasProblems())
        std::stable_sort(report.problems.begin(), report.problems.end(),
                         [](const CsvProblem &a, const CsvProblem &b) { return a.line < b.line; });
    report.effects = effects.mid(0, ImportReport::MaxEffectsKept);
    return {};
}
