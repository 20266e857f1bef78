#include "tests/approval/ApprovalFixture.h"

#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

#include <QTest>

void ApprovalFixture::openDatabase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    for (const QString &id : {QStringLiteral("u1"), QStringLiteral("u2")})
        QVERIFY(Users(*m_db).add(id, id + QStringLiteral("@example.com"), {}));
    m_checker = std::make_unique<SecondPerson>();
    QString why;
    QVERIFY2(m_checker->setUp(spec, *m_db, &why), qPrintable(why));
}

void ApprovalFixture::closeDatabase()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_checker.reset();
    m_spec.reset();
}

qint64 ApprovalFixture::scalar(const QString &sql, const Bindings &bindings)
{
    return TestBackend::scalar(*m_db, sql, bindings).toLongLong();
}

qint64 ApprovalFixture::rowsOf(const QString &userId)
{
    return scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :u"),
                  {{QStringLiteral(":u"), userId}});
}

qint64 ApprovalFixture::totalOf(const QString &userId)
{
    return scalar(QStringLiteral("SELECT COALESCE(MAX(\"totalXP\"), 0) FROM \"UserProfile\" WHERE \"userId\" = :u"),
                  {{QStringLiteral(":u"), userId}});
}

qint64 ApprovalFixture::auditCount(const QString &action)
{
    return scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE action = :a")
                      .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                  {{QStringLiteral(":a"), action}});
}

QString ApprovalFixture::stateOf(const QString &id)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT state FROM %1 WHERE id = :id")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("pending_adjustment"))),
                               {{QStringLiteral(":id"), id}})
        .toString();
}

QString ApprovalFixture::hold(qint64 amount, const QString &reason)
{
    auto change = Ledger(*m_db).adjust(QStringLiteral("u1"), amount, reason);
    if (!change) {
        qWarning("%s", qPrintable(change.error().message));
        return {};
    }
    return change->pendingId;
}

std::unique_ptr<Database> ApprovalFixture::openChecker(const QString &operatorName)
{
    auto db = Database::open(m_checker->spec(), operatorName);
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return nullptr;
    }
    return std::move(*db);
}
