#include "core/statement/StatementCsv.h"

#include "core/csv/CsvWriter.h"
#include "core/domain/Timestamp.h"
#include "core/statement/Statement.h"
#include "core/statement/StatementJson.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace StatementCsv {

QStringList columns()
{
    return {QStringLiteral("at_utc"),         QStringLiteral("kind"),        QStringLiteral("change"),
            QStringLiteral("balance"),        QStringLiteral("xp_id"),       QStringLiteral("source_type"),
            QStringLiteral("source_id"),      QStringLiteral("category"),    QStringLiteral("description"),
            QStringLiteral("created_at_utc"), QStringLiteral("operator"),    QStringLiteral("reason"),
            QStringLiteral("removed_later"),  QStringLiteral("reason_code"), QStringLiteral("reason_label"),
            QStringLiteral("ticket"),         QStringLiteral("ticket_link")};
}

Status write(const Statement &statement, const QString &fileName, const CsvFormat &format)
{
    QSaveFile file(fileName);
    const auto failed = [&] {
        return Error::input(
            QCoreApplication::translate("StatementCsv", "Cannot write %1: %2").arg(fileName, file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    CsvWriter csv(&file, format);
    bool ok = csv.writeHeader(columns());
    // Every row has the header's cells, so that a strict reader takes the balances too.
    const auto balanceRow = [&](const QString &kind, const QDateTime &at, qint64 balance) {
        QVariantList cells{at.isValid() ? Timestamp::toIso(at) : QString(), kind, QString(), balance};
        while (cells.size() < columns().size())
            cells << QString();
        return csv.writeRow(cells);
    };
    ok = ok && balanceRow(QStringLiteral("opening"), statement.since, statement.opening);
    for (const StatementEntry &entry : statement.entries) {
        if (!ok)
            break;
        const XpTransaction &row = entry.row;
        ok = csv.writeRow({Timestamp::toIso(entry.at), StatementJson::kindName(entry), entry.change, entry.balance,
                           row.id, XpEnums::name(row.sourceType), row.sourceId, XpEnums::name(row.category),
                           row.description, Timestamp::toIso(row.createdAt), entry.operatorName, entry.reason,
                           entry.removedLater ? QStringLiteral("yes") : QString(), entry.reasonTag.code,
                           entry.reasonTag.code.isEmpty() ? QString() : statement.reasons.label(entry.reasonTag.code),
                           entry.reasonTag.ticket, statement.reasons.ticketLink(entry.reasonTag.ticket)});
    }
    ok = ok
        && balanceRow(QStringLiteral("closing"), statement.until.isValid() ? statement.until : statement.madeAt,
                      statement.closing);
    if (!ok || !file.commit())
        return failed();
    return {};
}

} // namespace StatementCsv
