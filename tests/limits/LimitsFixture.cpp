#include "tests/limits/LimitsFixture.h"

#include "core/ledger/ApprovalGate.h"
#include "core/limits/LimitCheck.h"
#include "core/roles/RoleInstaller.h"
#include "core/roles/RoleSetting.h"

#include <QFile>
#include <QTest>
#include <QUuid>

void LimitsFixture::openLimitsDatabase()
{
    if (!TestBackend::isPostgres())
        RoleSetting::setSqliteRole(Role::Unrestricted);
    openDatabase();
    if (!m_db)
        return;
    QVERIFY(ApprovalGate(*m_db).setThreshold(std::nullopt));
}

void LimitsFixture::closeLimitsDatabase()
{
    closeDatabase();
    QString ignored;
    for (const QString &login : std::as_const(m_logins))
        static_cast<void>(TestBackend::adminExec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(login), &ignored));
    m_logins.clear();
    if (!TestBackend::isPostgres())
        RoleSetting::setSqliteRole(Role::Unrestricted);
}

bool LimitsFixture::setLimits(LimitRules::Scope scope, const QString &subject, std::optional<qint64> perChange,
                              std::optional<qint64> perDay)
{
    LimitRules::Change change;
    change.perChange = perChange;
    change.perDay = perDay;
    // SQLite's advisory role is the machine's setting: the owner's desk is one without it.
    const bool sqlite = !TestBackend::isPostgres();
    const auto role = sqlite ? RoleSetting::sqliteRole() : std::nullopt;
    if (sqlite)
        RoleSetting::setSqliteRole(Role::Unrestricted);
    const Status status = LimitRules(*m_db).set(scope, subject, change);
    if (role)
        RoleSetting::setSqliteRole(*role);
    if (!status)
        qWarning("%s", qPrintable(status.error().message));
    return bool(status);
}

std::unique_ptr<Database> LimitsFixture::openSupport(Role role)
{
    if (!TestBackend::isPostgres()) {
        RoleSetting::setSqliteRole(role);
        m_supportSpec = *m_spec;
        auto db = Database::open(*m_spec, QStringLiteral("sam"));
        return db ? std::move(*db) : nullptr;
    }
    const QString login = QStringLiteral("xpt_sam_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    const QString password = QUuid::createUuid().toString(QUuid::Id128);
    QString why;
    if (!TestBackend::adminExec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(login, password), &why)) {
        qWarning("%s", qPrintable(why));
        return nullptr;
    }
    m_logins << login;
    if (const Status s = RoleInstaller(*m_db).install(); !s) {
        qWarning("%s", qPrintable(s.error().message));
        return nullptr;
    }
    if (!TestBackend::adminExec(QStringLiteral("GRANT %1 TO %2").arg(Roles::groupRole(role), login), &why)) {
        qWarning("%s", qPrintable(why));
        return nullptr;
    }
    ConnectionSpec spec = *m_spec;
    spec.user = login;
    spec.password = password;
    m_supportSpec = spec;
    auto db = Database::open(spec, QStringLiteral("sam"));
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return nullptr;
    }
    return std::move(*db);
}

PersonLimits LimitsFixture::limitsOf(Database &db)
{
    auto limits = LimitCheck(db).readConnected();
    if (!limits) {
        qWarning("%s", qPrintable(limits.error().message));
        return {};
    }
    return *limits;
}

QString LimitsFixture::heldForOf(const QString &requestId)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT held_for FROM %1 WHERE id = :id")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("pending_adjustment"))),
                               {{QStringLiteral(":id"), requestId}})
        .toString();
}

qint64 LimitsFixture::limitEvents()
{
    return auditCount(QStringLiteral("limits-set"));
}

qint64 LimitsFixture::limitRows()
{
    return scalar(
        QStringLiteral("SELECT count(*) FROM %1").arg(m_db->dialect().ownTable(QStringLiteral("adjust_limit"))));
}

QString LimitsFixture::writeCsv(const QByteArray &content)
{
    const QString path = m_files.filePath(
        QStringLiteral("adjustments-%1.csv").arg(QUuid::createUuid().toString(QUuid::Id128).left(8)));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}
