#include "core/audit/AuditAnchor.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace {

const QString FormatName = QStringLiteral("xpadmin-audit-anchor");

QString table(const Database &db)
{
    return db.dialect().ownTable(QStringLiteral("audit_event"));
}

bool isHash(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

struct Head
{
    qint64 seq = 0;
    QString hash;
    QDateTime at;
};

// The newest event, or seq 0 with the genesis hash for an empty log.
Result<Head> newest(Database &db)
{
    auto rows = db.run(QStringLiteral("SELECT seq, hash, at FROM %1 ORDER BY seq DESC LIMIT 1").arg(table(db)));
    if (!rows)
        return rows.error();
    Head head{0, AuditLog::genesisHash(), {}};
    if (rows->next())
        head = Head{rows->integer(0), rows->text(1), db.dialect().readTimestamp(rows->value(2))};
    return head;
}

Result<std::optional<QString>> hashOf(Database &db, qint64 seq)
{
    auto rows = db.run(QStringLiteral("SELECT hash FROM %1 WHERE seq = :seq").arg(table(db)),
                       {{QStringLiteral(":seq"), seq}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<QString>();
    return std::optional<QString>(rows->text(0));
}

} // namespace

Result<AuditAnchor> AuditAnchor::take(Database &db)
{
    AuditAnchor anchor;
    const Status status = db.readTransaction([&]() -> Status {
        auto head = newest(db);
        if (!head)
            return head.error();
        auto first = hashOf(db, 1);
        if (!first)
            return first.error();
        anchor.seq = head->seq;
        anchor.hash = head->hash;
        anchor.eventAt = head->at;
        anchor.chainId = first->value_or(QString());
        return {};
    });
    if (!status)
        return status.error();
    anchor.database = db.spec().displayName();
    anchor.takenAt = Timestamp::now();
    anchor.takenBy = db.actor();
    return anchor;
}

QByteArray AuditAnchor::toJson() const
{
    QJsonObject json;
    json.insert(QStringLiteral("format"), FormatName);
    json.insert(QStringLiteral("version"), FormatVersion);
    json.insert(QStringLiteral("seq"), seq);
    json.insert(QStringLiteral("hash"), hash);
    json.insert(QStringLiteral("eventAt"), eventAt.isValid() ? QJsonValue(Timestamp::toIso(eventAt)) : QJsonValue());
    json.insert(QStringLiteral("chainId"), chainId.isEmpty() ? QJsonValue() : QJsonValue(chainId));
    json.insert(QStringLiteral("database"), database);
    json.insert(QStringLiteral("takenAt"), Timestamp::toIso(takenAt));
    json.insert(QStringLiteral("takenBy"), takenBy);
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

Result<AuditAnchor> AuditAnchor::fromJson(const QByteArray &data, const QString &fileName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    const QJsonObject json = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || json.value(QStringLiteral("format")).toString() != FormatName)
        return Error::input(
            tr("%1 is not an audit anchor: make one with `xpadmin-cli audit anchor --out FILE`").arg(fileName));
    const int version = json.value(QStringLiteral("version")).toInt();
    if (version != FormatVersion)
        return Error::input(tr("%1 is an audit anchor of format version %2; this XP Admin reads version %3")
                                .arg(fileName)
                                .arg(version)
                                .arg(FormatVersion));
    AuditAnchor anchor;
    const QJsonValue seq = json.value(QStringLiteral("seq"));
    anchor.seq = seq.toInteger(-1);
    anchor.hash = json.value(QStringLiteral("hash")).toString();
    anchor.chainId = json.value(QStringLiteral("chainId")).toString();
    anchor.eventAt = Timestamp::fromIso(json.value(QStringLiteral("eventAt")).toString());
    anchor.database = json.value(QStringLiteral("database")).toString();
    anchor.takenAt = Timestamp::fromIso(json.value(QStringLiteral("takenAt")).toString());
    anchor.takenBy = json.value(QStringLiteral("takenBy")).toString();
    if (!seq.isDouble() || anchor.seq < 0 || !isHash(anchor.hash)
        || (!anchor.chainId.isEmpty() && !isHash(anchor.chainId)) || (anchor.seq > 0) == anchor.chainId.isEmpty())
        return Error::input(tr("The audit anchor %1 is damaged: its seq, hash or chainId is not valid").arg(fileName));
    return anchor;
}

Status AuditAnchor::save(const QString &fileName) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit())
        return Error::input(tr("Cannot write %1: %2").arg(fileName, file.errorString()));
    return {};
}

Result<AuditAnchor> AuditAnchor::load(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return Error::input(tr("Cannot read the audit anchor %1: %2").arg(fileName, file.errorString()));
    // An anchor is a few hundred bytes: anything much larger is not one.
    return fromJson(file.read(64 * 1024), fileName);
}

QString AnchorCheck::summary() const
{
    if (!ok())
        return problem;
    if (anchoredSeq == 0)
        return QCoreApplication::translate("AnchorCheck",
                                           "the anchor was taken from an empty log; the log now has %1 events")
            .arg(newestSeq);
    if (newestSeq == anchoredSeq)
        return QCoreApplication::translate("AnchorCheck", "event %1 is still the newest and has the anchored hash")
            .arg(anchoredSeq);
    if (newestSeq == anchoredSeq + 1)
        return QCoreApplication::translate("AnchorCheck",
                                           "event %1 still has the anchored hash; event %2 was added since")
            .arg(anchoredSeq)
            .arg(newestSeq);
    return QCoreApplication::translate("AnchorCheck",
                                       "event %1 still has the anchored hash; events %2 to %3 were added since")
        .arg(anchoredSeq)
        .arg(anchoredSeq + 1)
        .arg(newestSeq);
}

Result<AnchorCheck> AuditAnchorCheck::check(const AuditAnchor &anchor)
{
    AnchorCheck result;
    const Status status = m_db.readTransaction([&]() -> Status {
        result = {};
        result.anchoredSeq = anchor.seq;
        auto head = newest(m_db);
        if (!head)
            return head.error();
        result.newestSeq = head->seq;
        if (anchor.seq == 0)
            return {};
        const QString when = anchor.takenAt.isValid()
            ? Timestamp::toIso(anchor.takenAt)
            : QCoreApplication::translate("AuditAnchorCheck", "an unknown time");
        if (head->seq < anchor.seq) {
            result.brokenSeq = head->seq + 1;
            result.problem = head->seq == 0
                ? QCoreApplication::translate(
                      "AuditAnchorCheck",
                      "the audit log is empty, but the anchor taken at %1 recorded event %2: events 1 to %2 are "
                      "missing")
                      .arg(when)
                      .arg(anchor.seq)
                : QCoreApplication::translate(
                      "AuditAnchorCheck",
                      "events %1 to %2 are missing: the audit log ends at event %3, but the anchor taken at %4 "
                      "recorded event %2 (the newest events were removed)")
                      .arg(head->seq + 1)
                      .arg(anchor.seq)
                      .arg(head->seq)
                      .arg(when);
            return {};
        }
        auto hash = hashOf(m_db, anchor.seq);
        if (!hash)
            return hash.error();
        if (!*hash) {
            result.brokenSeq = anchor.seq;
            result.problem = QCoreApplication::translate("AuditAnchorCheck",
                                                         "event %1, recorded by the anchor taken at %2, is missing")
                                 .arg(anchor.seq)
                                 .arg(when);
            return {};
        }
        if (**hash != anchor.hash) {
            auto first = hashOf(m_db, 1);
            if (!first)
                return first.error();
            const bool otherLedger = !anchor.chainId.isEmpty() && first->value_or(QString()) != anchor.chainId;
            result.brokenSeq = anchor.seq;
            result.problem = otherLedger
                ? QCoreApplication::translate(
                      "AuditAnchorCheck",
                      "the anchor does not belong to this audit log: its event 1 differs (the anchor was taken from "
                      "%1, or the whole log was rewritten)")
                      .arg(anchor.database)
                : QCoreApplication::translate(
                      "AuditAnchorCheck",
                      "event %1 no longer has the hash recorded by the anchor taken at %2: the log was rewritten up "
                      "to there")
                      .arg(anchor.seq)
                      .arg(when);
        }
        return {};
    });
    if (!status)
        return status.error();
    return result;
}
