#pragma once

#include <QString>
#include <QStringList>

// What xpadmin-bench was asked to do (main.cpp parses the command line into this).
struct BenchOptions
{
    QString db; // SQLite path or postgresql:// URL
    int users = 100000;
    qint64 transactions = 1000000;
    int days = 90; // the days the generated transactions spread over, up to today
    QString jsonFile;
    QStringList only; // figure numbers ("4") or ids ("4a"); empty: all
    bool reuse = false; // an existing data set of the same size is measured as it is
    int repeat = 3; // timed runs of each figure; the median is reported
    int awards = 10000; // figure 7
    int loadRows = 200000; // figure 1
    qint64 walkRows = 1000000; // figure 6
    int legacyUsers = 1000000; // figure 9
    int rollbackRows = 5000; // figure 13
    int statementRows = 100000; // figure 10a: the transactions of the user whose statement is read
    QString prismaClient; // figures 7 and 11 on PostgreSQL: the web app's Prisma client (webapp.js), when given

    bool wants(const QString &figure) const
    {
        if (only.isEmpty())
            return true;
        for (const QString &wanted : only) {
            // "4" means 4a, 4b, ...; "1" does not mean 10a.
            const bool group = !wanted.isEmpty() && wanted.back().isDigit() && figure.startsWith(wanted)
                && figure.size() > wanted.size() && !figure.at(wanted.size()).isDigit();
            if (figure == wanted || group)
                return true;
        }
        return false;
    }
};
