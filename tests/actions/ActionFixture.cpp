#include "tests/actions/ActionFixture.h"

#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

ActionFixture::ActionFixture(const ConnectionSpec &spec, std::unique_ptr<Database> db)
    : m_spec(spec),
      m_db(std::move(db)),
      m_session(std::make_unique<LedgerSession>(spec, QStringLiteral("tester"))),
      m_window(std::make_unique<QWidget>())
{
    m_window->resize(900, 700);
}

ActionFixture::~ActionFixture()
{
    // Dialogs first (they post to the session), then the session's workers, then the database.
    m_window.reset();
    m_session.reset();
    m_db.reset();
}

bool ActionFixture::addUser(const QString &id, const QString &name)
{
    auto user = Users(*m_db).add(id, id + QStringLiteral("@example.com"), name);
    if (!user)
        qWarning("%s", qPrintable(user.error().message));
    return user.ok();
}

XpTransaction ActionFixture::award(const QString &userId, int amount, const QString &sourceId, SourceType type)
{
    auto change
        = Ledger(*m_db).award({userId, amount, type, sourceId, QStringLiteral("Correct answer"),
                               type == SourceType::DailyStreak ? Category::StreakBonus : Category::CorrectAnswer});
    if (!change) {
        qWarning("%s", qPrintable(change.error().message));
        return {};
    }
    return change->rows.first();
}

qint64 ActionFixture::cachedTotal(const QString &userId)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT COALESCE(MAX(\"totalXP\"), 0) FROM \"UserProfile\" WHERE "
                                              "\"userId\" = :u"),
                               {{QStringLiteral(":u"), userId}})
        .toLongLong();
}

qint64 ActionFixture::rowsOf(const QString &userId)
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :u"),
                               {{QStringLiteral(":u"), userId}})
        .toLongLong();
}

qint64 ActionFixture::present(const QStringList &ids)
{
    qint64 found = 0;
    for (const QString &id : ids)
        found += TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"id\" = :id"),
                                     {{QStringLiteral(":id"), id}})
                     .toLongLong();
    return found;
}

QString ActionFixture::auditTable() const
{
    return m_db->dialect().ownTable(QStringLiteral("audit_event"));
}

qint64 ActionFixture::auditCount(const QString &action, const QString &xpId, const QString &reason)
{
    QString sql = QStringLiteral("SELECT count(*) FROM %1 WHERE action = :action").arg(auditTable());
    Bindings bindings{{QStringLiteral(":action"), action}};
    if (!xpId.isEmpty()) {
        sql += QStringLiteral(" AND xp_id = :xp");
        bindings << std::pair{QStringLiteral(":xp"), QVariant(xpId)};
    }
    if (!reason.isEmpty()) {
        sql += QStringLiteral(" AND reason = :reason");
        bindings << std::pair{QStringLiteral(":reason"), QVariant(reason)};
    }
    return TestBackend::scalar(*m_db, sql, bindings).toLongLong();
}

bool ActionFixture::installFailingTrigger(const QString &event, const QString &message)
{
    const QString name = QStringLiteral("xp_test_fail_") + event.toLower();
    QStringList statements;
    if (m_db->dialect().isPostgres()) {
        statements << QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
                                     "'%2'; END $$ LANGUAGE plpgsql")
                          .arg(name, message)
                   << QStringLiteral("CREATE TRIGGER %1 BEFORE %2 ON \"UserXP\" FOR EACH ROW EXECUTE FUNCTION %1()")
                          .arg(name, event);
    } else {
        statements << QStringLiteral("CREATE TRIGGER %1 BEFORE %2 ON \"UserXP\" BEGIN SELECT RAISE(ABORT, '%3'); END")
                          .arg(name, event, message);
    }
    for (const QString &sql : std::as_const(statements)) {
        if (const Status status = m_db->execute(sql); !status) {
            qWarning("%s", qPrintable(status.error().message));
            return false;
        }
    }
    return true;
}

bool ActionFixture::dropFailingTrigger(const QString &event)
{
    const QString name = QStringLiteral("xp_test_fail_") + event.toLower();
    const QString sql = m_db->dialect().isPostgres() ? QStringLiteral("DROP TRIGGER %1 ON \"UserXP\"").arg(name)
                                                     : QStringLiteral("DROP TRIGGER %1").arg(name);
    const Status status = m_db->execute(sql);
    if (!status)
        qWarning("%s", qPrintable(status.error().message));
    return status.ok();
}
