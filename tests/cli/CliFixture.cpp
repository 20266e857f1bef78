#include "tests/cli/CliFixture.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

void CliFixture::requireProgram()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void CliFixture::openDatabase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    m_cli.setDatabase(spec.toUrl(true));
}

void CliFixture::closeDatabase()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

QStringList CliFixture::award(const QString &user, const QString &amount, const QString &sourceId,
                              const QString &description)
{
    return QStringList{QStringLiteral("award"),
                       QStringLiteral("--user"),
                       user,
                       QStringLiteral("--amount"),
                       amount,
                       QStringLiteral("--source-id"),
                       sourceId,
                       QStringLiteral("--description"),
                       description,
                       QStringLiteral("--source-type"),
                       QStringLiteral("USER_PROBLEM_ATTEMPT"),
                       QStringLiteral("--category"),
                       QStringLiteral("CORRECT_ANSWER")};
}

QStringList CliFixture::userAdd(const QString &id)
{
    return {QStringLiteral("user"),    QStringLiteral("add"),
            QStringLiteral("--id"),    id,
            QStringLiteral("--email"), id + QStringLiteral("@example.com")};
}

void CliFixture::exec(const QString &sql, const Bindings &bindings)
{
    auto rows = m_db->run(sql, bindings);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

QString CliFixture::snapshot()
{
    return QString::fromLatin1(TestBackend::contentDigest(*m_db));
}

QString CliFixture::transactionId(const Run &run)
{
    return run.json()
        .object()
        .value(QStringLiteral("transactions"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}
