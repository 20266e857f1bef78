#pragma once

#include <QCoreApplication>
#include <QString>

class MainWindow;

// A ledger file named outside the Open dialog (on the command line, or dropped on the window):
// opened only if it is there and is an SQLite database, never created. What is wrong is said in
// words a support person can act on.
class LedgerFile final
{
    Q_DECLARE_TR_FUNCTIONS(LedgerFile)

public:
    // Whether the name looks like a ledger file (.sqlite, .sqlite3, .db), for accepting a drop.
    static bool hasLedgerSuffix(const QString &path);
    // Why path cannot be opened as a ledger (missing, a folder, unreadable, not SQLite); empty
    // when it can.
    static QString problem(const QString &path);
    // Shows problem in front of the window.
    static void showProblem(MainWindow *window, const QString &problem);
    // Asks whether to open path (naming it and the ledger that closes), then opens it, or says
    // why it cannot be. Returns whether the opening started.
    static bool confirmAndOpen(MainWindow *window, const QString &path);
};
