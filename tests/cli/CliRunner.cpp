#include "tests/cli/CliRunner.h"

#include <QProcess>

QString CliRunner::program()
{
    return QStringLiteral(XPADMIN_CLI_PATH);
}

QString CliRunner::Run::describe() const
{
    return QStringLiteral("exit %1%2\n--- stdout:\n%3--- stderr:\n%4")
        .arg(QString::number(exitCode), crashed ? QStringLiteral(" (crashed)") : QString(), out.left(4000),
             err.left(4000));
}

CliRunner::Run CliRunner::operator()(const QStringList &arguments) const
{
    return raw(QStringList{QStringLiteral("--db"), m_database} + arguments);
}

CliRunner::Run CliRunner::raw(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("XPADMIN_DB"));
    process.setProcessEnvironment(environment);
    process.start(program(), arguments);
    Run run;
    if (!process.waitForStarted(30000)) {
        run.err = process.errorString();
        return run;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.crashed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList CliRunner::args(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

bool CliRunner::isOneErrorLine(const QString &err)
{
    const QString line = err.endsWith(QLatin1Char('\n')) ? err.chopped(1) : err;
    return line.startsWith(QLatin1String("xpadmin-cli: ")) && !line.contains(QLatin1Char('\n'));
}
