#include "tests/approval/SecondPerson.h"

#include "core/db/Database.h"
#include "tests/support/TestBackend.h"

#include <QUuid>

SecondPerson::~SecondPerson()
{
    tearDown();
}

bool SecondPerson::setUp(const ConnectionSpec &spec, Database &owner, QString *why)
{
    m_spec = spec;
    if (spec.backend != ConnectionSpec::Backend::Postgres)
        return true;
    m_role = QStringLiteral("xpt_checker_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    // A password, in case the test server asks for one.
    const QString password = QUuid::createUuid().toString(QUuid::Id128);
    if (!TestBackend::adminExec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_role, password), why)) {
        m_role.clear();
        return false;
    }
    for (const QString &sql :
         {QStringLiteral("GRANT USAGE ON SCHEMA xpadmin TO %1"),
          QStringLiteral("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public, xpadmin TO %1")}) {
        if (const Status s = owner.execute(sql.arg(m_role)); !s) {
            *why = s.error().message;
            return false;
        }
    }
    m_spec.user = m_role;
    m_spec.password = password;
    return true;
}

void SecondPerson::tearDown()
{
    if (m_role.isEmpty())
        return;
    QString ignored;
    static_cast<void>(TestBackend::adminExec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_role), &ignored));
    m_role.clear();
}
