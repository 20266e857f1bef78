#pragma once

#include <QDate>
#include <QDialog>

class InlineMessage;
class LedgerSession;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
struct PeriodState;

// Ledger > Close Period… and Reopen Period…: the day, the reason, where the ledger is closed now,
// and (closing) what the close will hold, read before the click. Confirming closes or reopens on
// the session's worker; a refusal (the day, the role, the database) shows in the dialog, which
// stays open with what was typed.
class PeriodDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Close, Reopen };

    PeriodDialog(LedgerSession *session, Mode mode, const QString &refusal, QWidget *parent);

    QDateEdit *dayEdit() const { return m_day; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *confirmButton() const { return m_confirm; }
    QLabel *currentLabel() const { return m_current; }
    QLabel *previewLabel() const { return m_preview; }
    InlineMessage *message() const { return m_message; }

signals:
    // The state was read (after opening and after each change of the day).
    void loaded();
    // The close or reopen committed: a line for the status bar.
    void changed(const QString &status);

private:
    void refresh();
    void showState(const PeriodState &state);
    void updateControls();
    void confirm();

    LedgerSession *m_session;
    Mode m_mode;
    QString m_refusal;
    QLabel *m_current;
    QDateEdit *m_day;
    QLineEdit *m_reason;
    QLabel *m_preview;
    InlineMessage *m_message;
    QPushButton *m_confirm;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_dayRefused = false;
    bool m_firstLoad = true;
    int m_generation = 0; // answers for an older day are dropped
};
