#include "tests/roles/RoleFixture.h"

#include "core/ledger/Ledger.h"
#include "core/roles/RoleInstaller.h"
#include "core/users/Users.h"

#include <QUuid>

RoleFixture::~RoleFixture()
{
    m_owner.reset();
    if (m_spec.backend == ConnectionSpec::Backend::Postgres && !m_spec.database.isEmpty())
        TestBackend::dropDatabase(m_spec);
    QString ignored;
    for (const QString &login : std::as_const(m_logins))
        static_cast<void>(TestBackend::adminExec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(login), &ignored));
}

QString RoleFixture::setUp()
{
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    if (!spec)
        return why;
    m_spec = *spec;
    m_owner = TestBackend::openInitialized(m_spec, &why, QStringLiteral("owner"));
    if (!m_owner)
        return why;
    Users users(*m_owner);
    for (const QString &id : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        if (auto added = users.add(id, id + QStringLiteral("@example.com"), id); !added)
            return added.error().message;
    }
    Ledger ledger(*m_owner);
    AwardRequest award{QStringLiteral("alice"),          100,
                       SourceType::SpecialAchievement,   QStringLiteral("contest-1"),
                       QStringLiteral("Contest winner"), Category::Achievement};
    if (auto made = ledger.award(award); !made)
        return made.error().message;
    award.userId = QStringLiteral("bob");
    if (auto made = ledger.award(award); !made)
        return made.error().message;

    RoleInstaller installer(*m_owner);
    for (int run = 0; run < 2; ++run) { // idempotent: the second run changes nothing
        if (const Status s = installer.install(); !s)
            return QStringLiteral("roles install (run %1): %2").arg(run + 1).arg(s.error().message);
    }
    const QString prefix = QStringLiteral("xpt_%1_").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    for (const Role role : {Role::Auditor, Role::Support, Role::Admin, Role::None}) {
        const QString login = prefix + Roles::key(role);
        if (!TestBackend::adminExec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(login), &why))
            return why;
        m_logins.insert(role, login);
        if (role != Role::None) {
            if (const Status s = installer.grant(role, login); !s)
                return s.error().message;
        }
    }
    return {};
}

ConnectionSpec RoleFixture::specFor(Role role) const
{
    ConnectionSpec spec = m_spec;
    if (role != Role::Unrestricted) {
        spec.user = m_logins.value(role);
        spec.password.clear();
    }
    return spec;
}

std::unique_ptr<Database> RoleFixture::connectAs(Role role, QString *why) const
{
    auto db = Database::open(specFor(role), QStringLiteral("Dana"));
    if (!db) {
        *why = db.error().message;
        return nullptr;
    }
    return std::move(*db);
}

RoleFixture::Snapshot RoleFixture::snapshot()
{
    Snapshot s;
    Database &db = *m_owner;
    s.transactions = TestBackend::scalar(db, QStringLiteral("SELECT count(*) FROM \"UserXP\"")).toLongLong();
    s.sum = TestBackend::scalar(db, QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\"")).toLongLong();
    s.totals = TestBackend::scalar(db, QStringLiteral("SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\""))
                   .toLongLong();
    s.users = TestBackend::scalar(db, QStringLiteral("SELECT count(*) FROM \"User\"")).toLongLong();
    s.auditEvents = TestBackend::scalar(db, QStringLiteral("SELECT count(*) FROM xpadmin.audit_event")).toLongLong();
    s.lastHash
        = TestBackend::scalar(db, QStringLiteral("SELECT hash FROM xpadmin.audit_event ORDER BY seq DESC LIMIT 1"))
              .toString();
    s.batches = TestBackend::scalar(db, QStringLiteral("SELECT count(*) FROM xpadmin.import_batch")).toLongLong();
    return s;
}

QString RoleFixture::Snapshot::describe() const
{
    return QStringLiteral("%1 transactions, sum %2, totals %3, %4 users, %5 audit events (last %6), %7 batches")
        .arg(transactions)
        .arg(sum)
        .arg(totals)
        .arg(users)
        .arg(auditEvents)
        .arg(lastHash.left(12))
        .arg(batches);
}

QString RoleFixture::newTransaction()
{
    auto made = Ledger(*m_owner).adjust(QStringLiteral("alice"), 7, QStringLiteral("to be rolled back"));
    return made ? made->rows.constFirst().id : QString();
}

QString RoleFixture::newRolledBack()
{
    const QString id = newTransaction();
    if (id.isEmpty() || !Ledger(*m_owner).rollback({id}, QStringLiteral("to be restored")))
        return {};
    return id;
}

std::unique_ptr<RoleFixture> RoleFixture::start(QString *why)
{
    auto fixture = std::make_unique<RoleFixture>();
    *why = fixture->setUp();
    if (!why->isEmpty())
        fixture.reset();
    return fixture;
}
