#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/FigureContext.h"

#include <QProcess>
#include <QString>

#include <memory>

// The web app's own award through its own Prisma client (tests/prisma's webapp.js, built by
// scripts/prisma-client.sh): a node process started once, told each award on its standard input
// ("USER AMOUNT SOURCE"), answering with how long the award took, timed inside node so that the
// pipe between the two programs is not counted. Figure 7 runs it on the same server, in turn with
// XP Admin's award and the raw one; figure 11 with capture on and off.
class PrismaAwards final
{
public:
    // Starts `node program awards` with DATABASE_URL url; an error says why it could not.
    static Result<std::unique_ptr<PrismaAwards>> start(const QString &program, const QString &url);
    // The client --prisma-client names, started on --db; none (a null pointer) when not asked for.
    // The figure's number goes into the error when the database is not PostgreSQL.
    static Result<std::unique_ptr<PrismaAwards>> startIfAsked(const FigureContext &context);
    ~PrismaAwards();
    PrismaAwards(const PrismaAwards &) = delete;
    PrismaAwards &operator=(const PrismaAwards &) = delete;

    // One award; its time in milliseconds.
    Result<double> award(const QString &userId, int amount, const QString &sourceId);

private:
    PrismaAwards() = default;
    Error failure(const QString &what);

    QProcess m_process;
};
