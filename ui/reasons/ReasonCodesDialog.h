#pragma once

#include "core/reasons/ReasonJobs.h"

#include <QDialog>

class FieldNote;
class InlineMessage;
class LedgerSession;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

// Ledger > Reason Codes…: the reason codes manual changes take, with how often each was taken,
// and the ticket link pattern. An admin adds a code, relabels it or changes whether it requires a
// ticket (select it, change, Save Changes), retires it, and sets the pattern; each is audited.
// Other roles see the same, read-only, with the reason in the tooltips.
class ReasonCodesDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Column { Code, Label, Ticket, State, Uses, ColumnCount };

    // session must outlive the dialog; the codes are read at once. refusal: why the connected
    // role may not change them (empty when it may).
    ReasonCodesDialog(LedgerSession *session, const QString &refusal, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *labelEdit() const { return m_label; }
    QCheckBox *ticketRequiredBox() const { return m_ticketRequired; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *retireButton() const { return m_retire; }
    QLineEdit *patternEdit() const { return m_pattern; }
    QPushButton *patternButton() const { return m_savePattern; }
    FieldNote *codeNote() const { return m_codeNote; }
    FieldNote *patternNote() const { return m_patternNote; }
    InlineMessage *message() const { return m_message; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }

    void addCode();
    void saveCode();
    void retireCode();
    void savePattern();

signals:
    // The codes were read (at first, and after each change).
    void loaded();
    // A change was stored; text says which.
    void changed(const QString &text);

private:
    void showListing(const ReasonJobs::Listing &listing);
    void run(Job<ReasonJobs::Listing> job, const QString &done, FieldNote *note);
    void selectionChanged();
    void updateControls();
    const ReasonCode *selected() const;

    LedgerSession *m_session;
    QString m_refusal;
    ReasonJobs::Listing m_listing;
    QTableWidget *m_table;
    QLineEdit *m_code;
    QLineEdit *m_label;
    QCheckBox *m_ticketRequired;
    FieldNote *m_codeNote;
    QPushButton *m_add;
    QPushButton *m_save;
    QPushButton *m_retire;
    QLineEdit *m_pattern;
    FieldNote *m_patternNote;
    QPushButton *m_savePattern;
    InlineMessage *m_message;
    bool m_loaded = false;
    bool m_busy = false;
};
