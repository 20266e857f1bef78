#include "core/audit/AuditLog.h"

#include "core/audit/CapturedChanges.h"
#include "core/db/AdvisoryLocks.h"
#include "core/db/BulkInsert.h"
#include "core/db/Database.h"
#include "core/db/IdBatches.h"
#include "core/domain/Sha256.h"
#include "core/domain/Timestamp.h"
#include "core/live/LiveChannel.h"

#include <charconv>

namespace {

void addField(QByteArray &out, QStringView value, bool present = true);
void addNumber(QByteArray &out, qint64 value);

// Empty text for a column that holds text, never NULL: a captured change with no application
// name, an event with no reason. The canonical form writes both alike.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

QString AuditLog::columns()
{
    return QStringLiteral(
        "seq, at, actor, operator, action, operation_id, user_id, xp_id, amount, reason, snapshot, prev_hash, hash");
}

AuditEvent AuditLog::read(const SqlRows &rows, const Dialect &dialect)
{
    AuditEvent event;
    event.seq = rows.integer(0);
    event.at = dialect.readTimestamp(rows.value(1));
    event.actor = rows.text(2);
    event.operatorName = rows.text(3);
    event.action = rows.text(4);
    event.operationId = rows.text(5);
    event.userId = rows.text(6);
    event.xpId = rows.text(7);
    if (!rows.isNull(8))
        event.amount = rows.integer(8);
    event.reason = rows.text(9);
    event.snapshot = rows.text(10);
    event.prevHash = rows.text(11);
    event.hash = rows.text(12);
    return event;
}

namespace {

// "<UTF-8 byte count>:<UTF-8 bytes>", or "-" for a field that is absent. The bytes are
// QString::toUtf8()'s (a lone surrogate is '?'), as they were for every event already chained.
void addField(QByteArray &out, QStringView value, bool present)
{
    if (!present) {
        out += '-';
        return;
    }
    const QByteArray bytes = value.toUtf8();
    char prefix[24];
    char *end = std::to_chars(prefix, prefix + sizeof prefix - 1, bytes.size()).ptr;
    *end++ = ':';
    out.append(prefix, end - prefix);
    out += bytes;
}

void addNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const char *end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    // Digits are ASCII: as many bytes as characters.
    char prefix[24];
    char *prefixEnd = std::to_chars(prefix, prefix + sizeof prefix - 1, end - digits).ptr;
    *prefixEnd++ = ':';
    out.append(prefix, prefixEnd - prefix);
    out.append(digits, end - digits);
}

} // namespace

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QByteArray AuditLog::canonical(const AuditEvent &event)
{
    return canonical(event, Timestamp::toSql(event.at));
}

QByteArray AuditLog::canonical(const AuditEvent &event, const QString &atText)
{
    QByteArray out;
    out.reserve(256 + event.snapshot.size() + event.reason.size());
    addNumber(out, event.seq);
    addField(out, atText);
    addField(out, event.actor);
    addField(out, event.operatorName);
    addField(out, event.action);
    addField(out, event.operationId);
    addField(out, event.userId, !event.userId.isEmpty());
    addField(out, event.xpId, !event.xpId.isEmpty());
    if (event.amount)
        addNumber(out, *event.amount);
    else
        addField(out, QString(), false);
    addField(out, event.reason);
    addField(out, event.snapshot);
    return out;
}

QString AuditLog::computeHash(const QString &prevHash, const AuditEvent &event)
{
    return computeHash(prevHash, canonical(event));
}

QString AuditLog::computeHash(const QString &prevHash, const QByteArray &canonicalEvent)
{
    return Sha256::hex({prevHash.toLatin1(), canonicalEvent});
}

Status AuditLog::append(QList<AuditEvent> events)
{
    if (events.isEmpty())
        return {};
    auto end = tail();
    if (!end)
        return end.error();
    seal(events, *end);
    return write(events);
}

BoundStatement AuditLog::lockStatement()
{
    return {QStringLiteral("SELECT pg_advisory_xact_lock(%1), pg_notify(:channel, '')").arg(AdvisoryLocks::AuditLog),
            {{QStringLiteral(":channel"), LiveChannel::name()}}};
}

QString AuditLog::endColumns(const Dialect &d)
{
    // Whether capture is installed is asked each time: no cache to go stale when another desk
    // installs or removes it.
    const QString table = d.ownTable(QStringLiteral("audit_event"));
    return QStringLiteral("(SELECT seq FROM %1 ORDER BY seq DESC LIMIT 1), (SELECT hash FROM %1 ORDER BY seq DESC "
                          "LIMIT 1), %2")
        .arg(table, d.isPostgres() ? CapturedChanges::stateExpression() : QStringLiteral("0"));
}

Result<AuditLog::Tail> AuditLog::tail()
{
    Q_ASSERT(m_db.inTransaction());
    // Every writer of the log passes here, or through lockStatement() and endColumns().
    if (m_db.dialect().isPostgres()) {
        const auto [sql, bindings] = lockStatement();
        if (auto lock = m_db.run(sql, bindings); !lock)
            return lock.error();
    }
    // After the lock, in a statement of its own: its snapshot sees every event committed before.
    auto end = m_db.run(QStringLiteral("SELECT %1").arg(endColumns(m_db.dialect())));
    if (!end)
        return end.error();
    [[maybe_unused]] const bool one = end->next(); // a SELECT without FROM: always one row
    Q_ASSERT(one);
    return tailFrom(*end, 0);
}

Result<AuditLog::Tail> AuditLog::tailFrom(const SqlRows &rows, int first)
{
    Q_ASSERT(m_db.inTransaction());
    Tail end;
    end.hash = genesisHash();
    if (!rows.isNull(first)) {
        end.seq = rows.integer(first);
        end.hash = rows.text(first + 1);
    }
    // With capture installed and a role that may seal, the changes made outside XP Admin that
    // wait are appended first, so that the chain's order follows what happened to each row.
    if (rows.integer(first + 2) == 2) {
        auto captured = CapturedChanges(m_db).take();
        if (!captured)
            return captured.error();
        if (!captured->isEmpty()) {
            sealAsRecorded(*captured, end);
            if (const Status s = write(*captured); !s)
                return s.error();
            end.captured = captured->size();
        }
    }
    end.at = Timestamp::now();
    end.atText = Timestamp::toSql(end.at);
    end.actor = m_db.actor();
    end.operatorName = m_db.operatorName();
    return end;
}

void AuditLog::seal(QList<AuditEvent> &events, Tail &tail)
{
    for (AuditEvent &event : events) {
        event.seq = ++tail.seq;
        event.at = tail.at;
        event.actor = tail.actor;
        event.operatorName = tail.operatorName;
        event.prevHash = tail.hash;
        event.hash = computeHash(tail.hash, canonical(event, tail.atText));
        tail.hash = event.hash;
    }
}

void AuditLog::sealAsRecorded(QList<AuditEvent> &events, Tail &tail)
{
    for (AuditEvent &event : events) {
        event.seq = ++tail.seq;
        event.prevHash = tail.hash;
        event.hash = computeHash(tail.hash, canonical(event));
        tail.hash = event.hash;
    }
}

Status AuditLog::write(const QList<AuditEvent> &events)
{
    if (events.isEmpty())
        return {};
    Q_ASSERT(m_db.inTransaction());
    const Dialect &d = m_db.dialect();
    const QString table = d.ownTable(QStringLiteral("audit_event"));
    const QString atText = Timestamp::toSql(events.constFirst().at);
    const QString p = QStringLiteral("?");
    // Many events (an import) go in multi-row statements, like every bulk write.
    BulkInsert insert(m_db, table, columns().split(QStringLiteral(", ")),
                      {p, d.timestampParam(p), p, p, p, p, p, p, p, p, p, p, p}, 200);
    const QDateTime firstAt = events.constFirst().at;
    for (const AuditEvent &event : events) {
        // One time for a whole append (seal()); its own for each captured change.
        if (const Status s
            = insert.add({event.seq, event.at == firstAt ? atText : Timestamp::toSql(event.at), notNull(event.actor),
                          notNull(event.operatorName), event.action, event.operationId,
                          event.userId.isEmpty() ? QVariant() : QVariant(event.userId),
                          event.xpId.isEmpty() ? QVariant() : QVariant(event.xpId),
                          event.amount ? QVariant(*event.amount) : QVariant(), notNull(event.reason), event.snapshot,
                          event.prevHash, event.hash});
            !s)
            return s;
    }
    if (const Status s = insert.finish(); !s)
        return s;
    witness(events.constLast());
    return {};
}

QString AuditLog::insertSql(const Dialect &d)
{
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (:seq, %3, :actor, :operator, :action, :operation_id, :user_id, "
                          ":xp_id, :amount, :reason, :snapshot, :prev_hash, :hash)")
        .arg(d.ownTable(QStringLiteral("audit_event")), columns(), d.timestampParam(QStringLiteral(":at")));
}

Bindings AuditLog::insertBindings(const AuditEvent &event)
{
    return {{QStringLiteral(":seq"), event.seq},
            {QStringLiteral(":at"), Timestamp::toSql(event.at)},
            {QStringLiteral(":actor"), notNull(event.actor)},
            {QStringLiteral(":operator"), notNull(event.operatorName)},
            {QStringLiteral(":action"), event.action},
            {QStringLiteral(":operation_id"), event.operationId},
            {QStringLiteral(":user_id"), event.userId.isEmpty() ? QVariant() : QVariant(event.userId)},
            {QStringLiteral(":xp_id"), event.xpId.isEmpty() ? QVariant() : QVariant(event.xpId)},
            {QStringLiteral(":amount"), event.amount ? QVariant(*event.amount) : QVariant()},
            {QStringLiteral(":reason"), notNull(event.reason)},
            {QStringLiteral(":snapshot"), event.snapshot},
            {QStringLiteral(":prev_hash"), event.prevHash},
            {QStringLiteral(":hash"), event.hash}};
}

void AuditLog::witness(const AuditEvent &newest)
{
    m_db.setCommitWitness(QStringLiteral("SELECT 1 FROM %1 WHERE seq = :seq AND hash = :hash")
                              .arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))),
                          {{QStringLiteral(":seq"), newest.seq}, {QStringLiteral(":hash"), newest.hash}});
}

Result<QHash<QString, AuditEvent>> AuditLog::lastRemovalsOf(const QStringList &xpIds)
{
    QHash<QString, AuditEvent> last;
    const Dialect &d = m_db.dialect();
    const Status found = IdBatches::forEach(
        d, QStringLiteral("xp_id"), xpIds, [&](const QString &condition, const Bindings &bindings) -> Status {
            // Oldest first: a row removed, restored and removed again ends with its last removal.
            auto rows = m_db.run(QStringLiteral("SELECT %1 FROM %2 WHERE %3 AND action IN ('rollback', "
                                                "'delete-source') ORDER BY seq")
                                     .arg(columns(), d.ownTable(QStringLiteral("audit_event")), condition),
                                 bindings);
            if (!rows)
                return rows.error();
            while (rows->next()) {
                AuditEvent event = read(*rows, d);
                last.insert(event.xpId, event);
            }
            return {};
        });
    if (!found)
        return found.error();
    return last;
}

Result<QList<AuditEvent>> AuditLog::page(qint64 afterSeq, int limit)
{
    auto rows = m_db.run(QStringLiteral("SELECT %1 FROM %2 WHERE seq > :after ORDER BY seq LIMIT :limit")
                             .arg(columns(), m_db.dialect().ownTable(QStringLiteral("audit_event"))),
                         {{QStringLiteral(":after"), afterSeq}, {QStringLiteral(":limit"), limit}});
    if (!rows)
        return rows.error();
    QList<AuditEvent> events;
    while (rows->next())
        events << read(*rows, m_db.dialect());
    return events;
}

Result<qint64> AuditLog::count()
{
    auto rows = m_db.run(
        QStringLiteral("SELECT count(*) FROM %1").arg(m_db.dialect().ownTable(QStringLiteral("audit_event"))));
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}
