#include "tests/benchmarks/PrismaAwards.h"

#include "core/db/Database.h"

namespace {

constexpr int StartMs = 30000;
constexpr int AwardMs = 60000;

} // namespace

Result<std::unique_ptr<PrismaAwards>> PrismaAwards::start(const QString &program, const QString &url)
{
    std::unique_ptr<PrismaAwards> prisma(new PrismaAwards);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DATABASE_URL"), url);
    prisma->m_process.setProcessEnvironment(environment);
    prisma->m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    prisma->m_process.start(QStringLiteral("node"), {program, QStringLiteral("awards")});
    if (!prisma->m_process.waitForStarted(StartMs))
        return prisma->failure(QStringLiteral("could not start node %1").arg(program));
    return prisma;
}

Result<std::unique_ptr<PrismaAwards>> PrismaAwards::startIfAsked(const FigureContext &context)
{
    if (context.options.prismaClient.isEmpty())
        return std::unique_ptr<PrismaAwards>();
    if (!context.db.dialect().isPostgres())
        return Error::input(QStringLiteral("--prisma-client: the web app's Prisma client needs a PostgreSQL --db"));
    return start(context.options.prismaClient, context.options.db);
}

PrismaAwards::~PrismaAwards()
{
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(StartMs))
        m_process.kill();
}

Result<double> PrismaAwards::award(const QString &userId, int amount, const QString &sourceId)
{
    m_process.write(QStringLiteral("%1 %2 %3\n").arg(userId).arg(amount).arg(sourceId).toUtf8());
    while (!m_process.canReadLine()) {
        if (!m_process.waitForReadyRead(AwardMs))
            return failure(QStringLiteral("no answer to an award"));
    }
    bool ok = false;
    const double ms = m_process.readLine().trimmed().toDouble(&ok);
    if (!ok)
        return failure(QStringLiteral("an answer that is not a time"));
    return ms;
}

Error PrismaAwards::failure(const QString &what)
{
    return Error::database(QStringLiteral("the Prisma client (figure 7): %1%2")
                               .arg(what,
                                    m_process.state() == QProcess::NotRunning
                                        ? QStringLiteral(" (node exited with status %1)").arg(m_process.exitCode())
                                        : QString()));
}
