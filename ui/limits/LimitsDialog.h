#pragma once

#include "core/limits/LimitRules.h"
#include "core/limits/PersonLimits.h"

#include <QDialog>

#include <optional>

class FieldNote;
class InlineMessage;
class LedgerSession;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

// Ledger > Limits…: the most XP one adjustment may move and the most one person may move in a
// day, for each role and for the persons who have their own; above one, an adjustment waits for
// approval. The connected person's own limits and what they can still move today are at the
// top. An admin changes them here (audited); anyone else sees them read-only, with the reason in
// the tooltips. A field that is not a valid number says so under itself and nothing is stored.
class LimitsDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Column { Subject, PerChange, PerDay, SetBy, ColumnCount };

    // session must outlive the dialog; refusal: why this person may not set limits (empty: they may).
    LimitsDialog(LedgerSession *session, const QString &refusal, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *yourLimits() const { return m_yours; }
    QComboBox *subjectCombo() const { return m_subject; }
    QLineEdit *personEdit() const { return m_person; }
    QLineEdit *perChangeEdit() const { return m_perChange; }
    QLineEdit *perDayEdit() const { return m_perDay; }
    FieldNote *perChangeNote() const { return m_perChangeNote; }
    FieldNote *perDayNote() const { return m_perDayNote; }
    QPushButton *saveButton() const;
    InlineMessage *message() const { return m_message; }
    bool isLoaded() const { return m_loaded; }
    // Checks the fields and stores the limits of the role or person chosen.
    void save();

signals:
    void loaded();
    // The limits were stored; text says what they are now.
    void saved(const QString &text);

private:
    void load();
    void showRules(const QList<LimitRules::Rule> &rules);
    void showYours(const PersonLimits &limits);
    void fillForm(int row);
    void updateControls();

    LedgerSession *m_session;
    QString m_refusal;
    QLabel *m_yours;
    QTableWidget *m_table;
    QComboBox *m_subject;
    QLineEdit *m_person;
    QLineEdit *m_perChange;
    FieldNote *m_perChangeNote;
    QLineEdit *m_perDay;
    FieldNote *m_perDayNote;
    InlineMessage *m_message;
    QDialogButtonBox *m_buttons;
    QList<LimitRules::Rule> m_rules;
    bool m_loaded = false;
    bool m_busy = false;
};
