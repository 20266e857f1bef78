#include "tests/cli/CliRunner.h"

#include <QDebug>
#include <QProcess>
#include <QStandardPaths>

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
    const bool finished = process.waitForFinished(FinishMs);
    QString hung;
    if (!finished) {
        hung = QStringLiteral("timed out after %1 s; ").arg(FinishMs / 1000);
        qWarning().noquote() << "xpadmin-cli" << arguments.join(QLatin1Char(' ')) << hung << '\n'
                             << diagnosis(process.processId());
        process.kill();
        process.waitForFinished();
    }
    run.crashed = finished && process.exitStatus() == QProcess::CrashExit;
    run.exitCode = finished ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = hung + QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString CliRunner::diagnosis(qint64 pid)
{
    QString text = QStringLiteral("--- its threads:\n")
        + helperOutput(QStringLiteral("gdb"),
                       {QStringLiteral("-batch"), QStringLiteral("-p"), QString::number(pid), QStringLiteral("-ex"),
                        QStringLiteral("thread apply all bt")});
    const QString server = qEnvironmentVariable("XPADMIN_TEST_PG_URL");
    if (!server.isEmpty()) {
        text += QStringLiteral("--- the test server's connections:\n")
            + helperOutput(QStringLiteral("psql"),
                           {QStringLiteral("-X"), QStringLiteral("-d"), server, QStringLiteral("-c"),
                            QStringLiteral("SELECT a.pid, a.datname, a.application_name, a.state, a.wait_event_type, "
                                           "a.wait_event, pg_blocking_pids(a.pid) AS blocked_by, now() - a.xact_start "
                                           "AS in_transaction, left(a.query, 160) AS query FROM pg_stat_activity a "
                                           "WHERE a.backend_type = 'client backend' ORDER BY a.pid")});
    }
    return text;
}

QString CliRunner::helperOutput(const QString &program, const QStringList &arguments)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty())
        return QStringLiteral("(%1 is not installed)\n").arg(program);
    QProcess helper;
    helper.setProcessChannelMode(QProcess::MergedChannels);
    helper.start(path, arguments);
    if (!helper.waitForFinished(HelperMs))
        helper.kill();
    return QString::fromUtf8(helper.readAll());
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
