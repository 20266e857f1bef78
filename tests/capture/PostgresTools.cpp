#include "tests/capture/PostgresTools.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>

namespace PostgresTools {

QString program(const QString &name)
{
    QDir base(QStringLiteral("/usr/lib/postgresql"));
    QStringList majors = base.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(majors.begin(), majors.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    for (auto it = majors.crbegin(); it != majors.crend(); ++it) {
        const QString candidate = base.filePath(*it + QStringLiteral("/bin/") + name);
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return name;
}

QProcessEnvironment environment(const QString &application, const QString &schema)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGAPPNAME"), application);
    env.insert(QStringLiteral("PGOPTIONS"), QStringLiteral("-c search_path=%1").arg(schema));
    return env;
}

bool psql(const QString &url, const QString &application, const QString &schema, const QString &sql, QString *errors)
{
    QProcess process;
    process.setProcessEnvironment(environment(application, schema));
    process.start(
        program(QStringLiteral("psql")),
        {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), url});
    if (!process.waitForStarted(10000))
        return false;
    process.write(sql.toUtf8());
    process.closeWriteChannel();
    const bool done = process.waitForFinished(60000);
    if (errors)
        *errors = QString::fromUtf8(process.readAllStandardError());
    return done && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace PostgresTools
