#include "tests/import/BatchFixture.h"

#include "core/import/BatchImporter.h"

#include <QFile>
#include <QStringList>
#include <QTest>

void BatchFixture::openDatabase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
}

QString BatchFixture::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

qint64 BatchFixture::scalar(const QString &sql, const Bindings &bindings)
{
    const QVariant value = TestBackend::scalar(*m_db, sql, bindings);
    if (!value.isValid())
        qFatal("query failed: %s", qPrintable(sql));
    return value.toLongLong();
}

QString BatchFixture::everything()
{
    QString text;
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    const QString batches = m_db->dialect().ownTable(QStringLiteral("import_batch"));
    for (const QString &sql : QStringList{
             QStringLiteral("SELECT \"id\" || ':' || \"email\" FROM \"User\" ORDER BY 1"),
             QStringLiteral("SELECT \"userId\" || '=' || CAST(\"totalXP\" AS TEXT) FROM \"UserProfile\" ORDER BY 1"),
             QStringLiteral(
                 "SELECT \"id\" || ' ' || \"userId\" || ' ' || CAST(\"amount\" AS TEXT) FROM \"UserXP\" ORDER "
                 "BY 1"),
             QStringLiteral("SELECT hash FROM %1 ORDER BY seq").arg(audit),
             QStringLiteral("SELECT id FROM %1").arg(batches)}) {
        auto rows = m_db->run(sql);
        if (!rows)
            qFatal("query failed: %s", qPrintable(rows.error().message));
        while (rows->next())
            text += rows->text(0) + QLatin1Char('\n');
        text += QStringLiteral("--\n");
    }
    return text;
}

ImportReport BatchFixture::import(ImportKind kind, const QString &path, bool dryRun)
{
    auto report = BatchImporter(*m_db).importFile(kind, path, dryRun);
    if (!report)
        qFatal("import failed: %s", qPrintable(report.error().message));
    return *report;
}
