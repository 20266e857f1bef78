#pragma once

#include <QCoreApplication>

#include <functional>

class LedgerSession;
class QMenu;
class QWidget;

// How long the window's work waits for a lock another program holds before it gives up with
// nothing changed: a setting kept between runs, chosen in the View menu from a few lengths.
class WaitSetting final
{
    Q_DECLARE_TR_FUNCTIONS(WaitSetting)

public:
    static int milliseconds();
    static void setMilliseconds(int milliseconds);
    // The menu of choices; a choice is kept and applied to session() (when one is open) at once.
    static QMenu *createMenu(QWidget *parent, std::function<LedgerSession *()> session);
};
