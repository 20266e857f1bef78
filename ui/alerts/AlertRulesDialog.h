#pragma once

#include "core/alerts/AlertRules.h"

#include <QDialog>

#include <optional>

class FieldNote;
class InlineMessage;
class LedgerSession;
class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QPushButton;

// Ledger > Alert Rules…: the rules in force, read from the database, and for whoever may set
// them (the owner, as for the approval threshold) the fields to change them. A field that is not
// a valid number says so under itself, naming the field, and nothing is stored. Others see the
// rules greyed, with the reason in the tooltips.
class AlertRulesDialog final : public QDialog
{
    Q_OBJECT

public:
    // session must outlive the dialog; the rules are read at once.
    AlertRulesDialog(LedgerSession *session, const QString &refusal, QWidget *parent = nullptr);

    // The rules as typed, or nothing (each wrong field showing why).
    std::optional<AlertRules> typedRules();
    // Checks the fields and stores the rules; the dialog closes once they are stored.
    void save();

    QCheckBox *maxChangeEnabled() const { return m_changeOn; }
    QLineEdit *maxChangeEdit() const { return m_change; }
    FieldNote *maxChangeNote() const { return m_changeNote; }
    QCheckBox *maxPerHourEnabled() const { return m_hourOn; }
    QLineEdit *maxPerHourEdit() const { return m_hour; }
    FieldNote *maxPerHourNote() const { return m_hourNote; }
    QCheckBox *directTotalBox() const { return m_direct; }
    QPushButton *saveButton() const;
    InlineMessage *message() const { return m_message; }
    bool isLoaded() const { return m_loaded; }

signals:
    void loaded();
    // The rules were stored; text says what they are now.
    void saved(const QString &text);

private:
    void showRules(const AlertRules &rules);
    void updateControls();

    LedgerSession *m_session;
    QString m_refusal;
    QCheckBox *m_changeOn;
    QLineEdit *m_change;
    FieldNote *m_changeNote;
    QCheckBox *m_hourOn;
    QLineEdit *m_hour;
    FieldNote *m_hourNote;
    QCheckBox *m_direct;
    InlineMessage *m_message;
    QDialogButtonBox *m_buttons;
    bool m_loaded = false;
    bool m_busy = false;
};
