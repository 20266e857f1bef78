#pragma once

#include <QLabel>
#include <QPointer>

class LedgerSession;

// The status bar's word on the reading standby: how far behind it is and the time its figures
// are of, or that it cannot be reached and the reading goes to the primary. Hidden when the
// session reads from its one database.
class StandbyIndicator final : public QLabel
{
    Q_OBJECT

public:
    explicit StandbyIndicator(QWidget *parent = nullptr);

    void setSession(LedgerSession *session);

    // "12 s", "4 min", "2 h": a lag in words.
    static QString lagText(qint64 milliseconds);

private:
    void refresh();

    QPointer<LedgerSession> m_session;
};
