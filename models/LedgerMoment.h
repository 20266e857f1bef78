#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

class LedgerSession;

// The moment the window shows the ledger of: now (invalid), or a past moment rebuilt from the
// audit log (AsOfRows). One per open ledger, shared by the History, Charts and Users views, so
// that "as of 1 March" holds wherever the person looks. Also knows when the audit log began:
// before it a moment is not exact, and the views say so.
class LedgerMoment final : public QObject
{
    Q_OBJECT

public:
    // The moment of this session's views, made on first use as the session's child.
    static LedgerMoment *of(LedgerSession *session);

    // UTC; invalid: now.
    QDateTime moment() const { return m_moment; }
    bool isPast() const { return m_moment.isValid(); }
    // Shows the ledger as it stood at moment (inclusive); an invalid one goes back to now.
    void setMoment(const QDateTime &moment);
    void clear() { setMoment({}); }

    // The audit log's first event (invalid while not known, or for an empty log).
    QDateTime logBegins() const { return m_logBegins; }
    // Whether the moment is rebuilt exactly: the audit log had begun by then.
    bool isExact() const;

    // "As of 1 March 2026 09:00 — rebuilt from the audit log"; empty for now.
    QString title() const;
    // What a moment before the log cannot say; empty when the moment is exact.
    QString caveat() const;
    // "1 March 2026 09:00" in local time (seconds when they are not zero).
    static QString momentText(const QDateTime &moment);

signals:
    void changed();

private:
    explicit LedgerMoment(LedgerSession *session);
    void readLogBegins();

    LedgerSession *m_session;
    QDateTime m_moment;
    QDateTime m_logBegins;
    bool m_logBeginsKnown = false;
};
