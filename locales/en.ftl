## Common

error-generic = Something went wrong on our side. Nothing is lost — please try again in a minute. If it happens again, tell the school's administrator.
error-unavailable = The service is temporarily unavailable. Your message is kept; please try again in a minute.
button-stale = This button is out of date or does not belong to the current step. Please use the buttons of the latest message.
command-unknown = I don't know that command. See /help for the list.
command-denied = This command is not available to you. See /help for yours.
command-dm-only = This command works only in a private dialog with the bot.
text-unknown = I understand commands and buttons. See /help for the list.
cancel-done = Cancelled. Nothing was saved. See /help for the commands.
cancel-nothing = There is nothing to cancel.
lang-name = English
lang-set = The language is now English.
lang-usage = Choose a language: /lang ru or /lang en.

btn-cancel = Cancel
btn-confirm = All correct
btn-change = Change
btn-keep = Keep as is
btn-back = Back
btn-more = More
pick-page = Page { $page } of { $pages }.

## Help

help-header = What you can do:
help-footer = Commands also work in Russian, e.g. /помощь. In a chat, type a command the same way: /help.
btn-help = Commands
help-in-dialog = You are answering the bot's questions now. Answer the question below — or send /cancel to stop.

## First contact (F27)

contact-intro =
    Hello! This is the bot of { $school } on the Sferum platform.
    To join a class or the staff room, you need an invite from your class teacher or the school's administrator. If you have an invite link, just open it. If you have a code, press «{ contact-btn-code }».
contact-school-fallback = the school
contact-btn-code = Enter an invite code
contact-pending-title = { $count ->
        [one] Your join request is waiting for review.
       *[other] Your join requests are waiting for review.
    }
contact-pending-class = Class: { $class }
contact-pending-role = Role: { $role }
contact-pending-child = Child: { $child }
contact-pending-since = Sent: { $when }
contact-pending-who = { $count ->
        [0] The school's administration decides.
        [one] Your class teacher decides: { $names }.
       *[other] One of the class teachers decides: { $names }.
    }
contact-pending-footer = Once it is decided, the bot will write to you here. To join one more class, send /join.
help-roles = Your roles: { $roles }.
role-admin = administrator
role-head = head of school
role-deputy = deputy head
role-teacher = teacher
role-student = student
role-parent = parent
role-none = none yet

cmd-start = start using the bot
cmd-help = what the bot can do
cmd-cancel = stop the current dialog
cmd-lang = the bot's language (ru/en)
cmd-school = the school's profile and the Sferum application

## Start

start-admin-new =
    Hello! You are the platform administrator. Let's fill in the school's profile: six short questions, then you check everything at once.
    You can stop at any moment with /cancel.
start-known = Hello, { $name }! This is the bot of «{ $school }». See /help for the commands.
start-known-no-school = Hello, { $name }! The school's profile is not filled in yet: fill it in with /school. See /help for the commands.
start-known-plain = Hello, { $name }! See /help for the commands.
start-resume = Let's go on from where you stopped.

## School profile (F01, F02, F03)

setup-ask-fullName = The school's full official name (as in its charter).
setup-ask-shortName = The short name, e.g. MAOU SOSh No. 11.
setup-ask-city = The town or city.
setup-ask-adminName = The platform administrator's full name (yours): surname, first name, patronymic.
setup-ask-email = The administrator's e-mail address.
setup-ask-phone = The administrator's personal mobile number — Sferum sends the login code to it, e.g. +7 912 345-67-89.
setup-current = Now: { $value }

field-fullName = Full name
field-shortName = Short name
field-city = Town
field-adminName = Administrator
field-email = E-mail
field-phone = Phone

setup-summary =
    Please check the school's profile:
    
    { $summary }
    
    Is everything correct?
setup-which-field = What would you like to change?
setup-saved = The school's profile is saved. The class «{ $staffRoom }» for all teachers is created.
setup-application-intro = Below is the ready text of the school's registration application to Sferum. Send it to info@sferum.ru from your e-mail and attach a scan of the order appointing the platform administrator. (The application is in Russian, as Sferum expects.)
setup-application =
    Тема: Заявка на регистрацию образовательной организации на ИКОП «Сферум»
    
    Здравствуйте!
    
    Просим зарегистрировать образовательную организацию на информационно-коммуникационной образовательной платформе «Сферум».
    
    Полное наименование: { $fullName }
    Краткое наименование: { $shortName }
    Населённый пункт: { $city }
    
    Администратор платформы: { $adminName }
    Электронная почта: { $email }
    Личный мобильный телефон (для входа на платформу): { $phone }
    
    Приложение: скан приказа руководителя о назначении администратора платформы.
    
    С уважением,
    { $adminName }
    { $shortName }

school-show =
    The school's profile:
    
    { $summary }
    
    Changed: { $updated }
btn-school-edit = Edit the profile
btn-school-application = Sferum application text

invalid-empty = The answer is empty. Please type it.
invalid-too-long = Too long: at most { $max } { $max ->
        [one] character
       *[other] characters
    }.
invalid-too-short = Too short: at least { $min } { $min ->
        [one] character
       *[other] characters
    }.
invalid-command = A reply is needed here, not a command. To stop, send /cancel.
invalid-email = That does not look like an e-mail address. Example: director@school11.ru
invalid-phone = A Russian mobile number of 11 digits is needed, e.g. +7 912 345-67-89 or 8 912 345 67 89.
invalid-person-name = Please type surname, first name and patronymic in letters, separated by spaces, e.g. Ivanova Maria Petrovna.
invalid-choice = Please choose an option with a button below.
button-stale-short = This button is out of date. Use the latest message.

## Invites (F05, F11)

inv-cmd-invite = create an invite link (class, role, how many people, for how many days)
inv-cmd-invites = active invites and revoking them
inv-cmd-revoke = revoke an invite by its code, or all unused ones
inv-cmd-sendinvite = send an invite to a person on VK
inv-school-fallback = the school
inv-usage =
    The easiest is to send just /invite: the bot asks step by step, with buttons.
    Or in one line: the class, who joins (student, parent or teacher), how many people and for how many days, e.g. /invite 5А student 30 7 or /invite Учительская teacher 1 30.
    People: 1 to { $maxUses }, days: 1 to { $maxDays }.
inv-ask-class = Where to invite? Choose a class.
inv-bad-class = There is no such class among those you may invite to.
inv-ask-role = Whom are we inviting to { $class }?
inv-bad-role = Choose a role with a button.
inv-ask-uses = How many people may join with this invite? Choose or type a number from 1 to { $max }.
inv-uses-option = { $n } { $n ->
        [one] person
       *[other] people
    }
inv-bad-uses = A number from 1 to { $maxUses } is needed.
inv-ask-days = For how many days will the invite work? Choose or type a number from 1 to { $max }.
inv-days-option = { $n } { $n ->
        [one] day
       *[other] days
    }
inv-bad-days = A number of days from 1 to { $maxDays } is needed.
inv-confirm =
    Check the invite:
    Class: { $class }
    Role: { $role }
    People: { $maxUses }
    Valid for: { $days } { $days ->
        [one] day
       *[other] days
    }
    
    Create it?
inv-btn-create = Create
inv-no-classes = There are no classes you may invite to yet. The administrator creates classes with /classes.
inv-card =
    The invite is ready: { $class }, role: { $role }.
    Up to { $maxUses } { $maxUses ->
        [one] person
       *[other] people
    } may join, until { $expires }.
    
    Link: { $link }
    Code for the /join command: { $code }
    
    The picture is the link's QR code, ready to print. Give the link and code only to the people you invite.
inv-btn-send = Send to a person
inv-btn-list = My invites
inv-denied-teacher = Teachers are invited to the staff room by the administrator. A class teacher invites the students and parents of their own class.
inv-denied-class = You cannot invite to this class: a class teacher invites only the students and parents of their own class.
inv-wrong-target = Teachers are invited to the staff room («Учительская»), students and parents to a regular class.
inv-class-archived = This class is archived; no one can be invited to it.
inv-class-unknown = There is no such class. Classes: /classes; teachers are invited to «Учительская».
inv-bad-options = People: 1 to { $maxUses }; validity: 1 to { $maxDays } days.
inv-list-empty = There are no active invites. Create one with /invite.
inv-list-header = Active invites: { $count } (page { $page } of { $pages }).
inv-list-line = { $class } · { $role } · code { $code } · used { $uses } of { $maxUses } · until { $expires }
inv-btn-revoke = Revoke { $code }
inv-btn-prev = « Back
inv-btn-next = Next »
inv-btn-revoke-unused = Revoke all unused
inv-revoke-usage = Format: /revoke CODE to revoke one invite, /revoke unused to revoke all that nobody used.
inv-revoked = Invite { $code } ({ $class }, { $role }) is revoked: nobody can join with it any more.
inv-revoked-unused = { $count ->
        [0] There are no unused invites — nothing to revoke.
        [one] Revoked { $count } unused invite.
       *[other] Revoked { $count } unused invites.
    }
inv-revoke-not-found = None of your active invites has the code { $code }. List: /invites.
inv-snack-revoked = Invite { $code } is revoked.
inv-snack-revoked-unused = Unused invites revoked: { $count }.
inv-snack-denied = This action is not available to you.
inv-send-usage = Format: /sendinvite CODE SURNAME, e.g. /sendinvite ABCD2345 Sokolova (or a link to the VK page).
inv-ask-recipient = Whom to send invite { $code } to? Type part of the surname or send a link to the VK page (e.g. https://vk.com/ivanova).
inv-bad-recipient = I could not find that VK page. Send a link to the page (e.g. https://vk.com/ivanova) or type part of the surname.
inv-send-inactive = This invite no longer works. Create a new one with /invite.
inv-sent = Invite { $code } sent to { $name }. You will be notified when they apply.
inv-send-unreachable =
    The invite could not be sent: { $name } has never written to the community, and VK does not let a community write first.
    What to do: ask the person to send the community any message and send the invite again — or pass them the link another way:
    { $link }
    Code: { $code }
inv-personal =
    Hello! You are invited to the «{ $school }» bot on the Sferum platform: { $class }, role: { $role }.
    
    To join, open the link: { $link }
    or send the command /join { $code } here

## Joining by invite (F23, F27, F19)

onb-cmd-join = join with an invite code
onb-code-ask = Send the invite code — 8 letters and digits, e.g. ABCD2345. Your class teacher or the school's administrator gives you the code.
onb-code-malformed = This does not look like an invite code: it has 8 letters and digits, e.g. ABCD2345.
onb-code-not-found = { $left ->
        [0] There is no such code.
        [one] There is no such code. Check it: { $left } attempt left.
       *[other] There is no such code. Check it: { $left } attempts left.
    }
onb-code-throttled = Too many wrong codes in a row. Try again in { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } — or open the invite link.
onb-invite-not-found = This invite was not found. Check the link or ask your class teacher or the school administrator for a new one.
onb-invite-expired = This invite has expired. Ask { $whom ->
        [admin] the school administrator
       *[teacher] your class teacher
    } for a new one.
onb-invite-revoked = This invite has been revoked. If you still need to join, ask { $whom ->
        [admin] the school administrator
       *[teacher] your class teacher
    } for a new one.
onb-invite-used-up = Everyone this invite was meant for has already joined. Ask { $whom ->
        [admin] the school administrator
       *[teacher] your class teacher
    } for a new one.
onb-already-member = You are already in { $class } as { $role } — no need to join again. Commands: /help.
onb-already-pending = Your request is already waiting for review. The bot will write to you once it is decided.
onb-confirm =
    Hello! You are invited:
    School: { $school }
    Class: { $class }
    Role: { $role }
    
    Is this right?
onb-btn-yes = Yes, that's right
onb-btn-no = No, not for me
onb-declined = All right, no request was filed and nothing was saved. If the invite reached you by mistake, tell { $whom ->
        [admin] the school administrator
       *[teacher] the class teacher
    }.
onb-ask-name = { $role ->
        [parent] What is your name? Type your surname, first name and patronymic (yours, not your child's).
        [teacher] What is your name? Type your surname, first name and patronymic — colleagues and students will see it.
       *[other] What is your name? Type your surname and first name, e.g. Petrov Ivan.
    }
onb-ask-name-vk = { $role ->
        [parent] What is your name? Type your surname, first name and patronymic (yours, not your child's) — or press the button if your VK name is right.
        [teacher] What is your name? Type your surname, first name and patronymic — or press the button if your VK name is right.
       *[other] What is your name? Type your surname and first name — or press the button if your VK name is right.
    }
onb-bad-name = { $role ->
        [parent] Type 2 to 4 words of letters separated by spaces — surname and first name, optionally the patronymic, e.g. Petrova Anna Sergeevna.
        [teacher] Type 2 to 4 words of letters separated by spaces — surname and first name, optionally the patronymic, e.g. Petrova Anna Sergeevna.
        [child] Type 2 to 4 words of letters separated by spaces — the child's surname and first name, e.g. Smirnov Petya or Ivanova Masha.
       *[other] Type 2 to 4 words of letters separated by spaces — surname and first name, e.g. Smirnov Petya or Ivanova Masha.
    }
onb-ask-child = What is the name of your child, a student of { $class }? Type the surname and first name, e.g. Smirnov Petya or Ivanova Masha.
onb-child-again = Your child «{ $child }» is already recorded in { $class }: no need to add them again. If another child of yours is in this class, type their surname and first name.
onb-ask-subjects = Which subjects do you teach? Press the subjects — chosen ones are marked ✓, pressing again removes the mark. Missing one? Press «Other subject». When done, press «Done».
onb-subjects-selected = Chosen: { $list }.
onb-subjects-none = Choose at least one subject (or add your own with «Other subject»).
onb-subjects-too-many = You can add at most { $max } subjects of your own.
onb-ask-other-subject = Type the subject's name (up to { $max } characters), e.g. Astronomy.
onb-bad-subject = A subject name is 2 to { $max } characters: letters, digits, spaces.
onb-btn-other-subject = Other subject
onb-btn-done = Done
onb-btn-back-to-list = Back to the list
onb-btn-agree = I agree
onb-btn-disagree = I do not agree
onb-no-consent = A request cannot be filed without consent to the processing of personal data. Nothing was saved. If you change your mind, open the invite again.

## Join requests (F08)

req-cmd-summary = join requests: approve or reject
req-notice-heading = 📝 New join request.
req-card-title = Request: { $who }, { $className }
req-card-who = Who: { $who }
req-card-role = Role: { $role }
req-card-class = Class: { $className }
req-card-child = Child: { $child }
req-card-subjects = Subjects: { $subjects }
req-card-no-subjects = Subjects: not given
req-card-when = Filed: { $when }
req-btn-approve = Approve
req-btn-reject = Reject
req-btn-later = Later
req-btn-no-reason = No reason
req-by-system = the bot
req-outcome-approved = ✅ Approved by { $by }, { $when }.
req-outcome-rejected = ❌ Rejected by { $by }, { $when }.
req-outcome-reason = Reason: { $reason }
req-already-approved = Already approved by { $by }.
req-already-rejected = Already rejected by { $by }.
req-done-approved = Approved: { $name }.
req-done-rejected = Rejected: { $name }. The applicant has been told.
req-denied = You cannot decide this request.
req-not-found = There is no such request. The list: /requests.
req-class-unavailable = The class of this request is archived, so it cannot be approved. Reject it instead.
req-later-done = Reminder: { $when }
req-finish-dialog = Finish the current dialog first, or send /cancel.
req-reason-ask = Why are you rejecting { $name } ({ $className })? Type the reason in one message (up to { $max } characters); the applicant will see it. Or press «No reason».
req-reason-gone = This request has already been decided; there is nothing to reject.
req-list-empty = No requests are waiting.
req-list-nav = Requests { $from }–{ $to } of { $total } (page { $page } of { $pages }).
req-notice-unreachable = The request ({ $applicant }, { $className }) could not be shown to { $who }: they have not written to the school's community yet, and VK does not let a community write first. Ask them to send the community any message.
req-applicant-unreachable = The decision is recorded, but { $who } will not get the message: they have not written to the school's community lately or closed messages, and VK does not let a community write first. Tell them yourself or ask them to write to the community.
req-welcome =
    🎉 Your request has been approved. Welcome!
    Class: { $className }
    Role: { $role }
req-welcome-teacher-pending = Your teacher status is awaiting confirmation by the school's administration. Until then teacher features are not available; I will write when it is confirmed.
req-welcome-can = What you can do now:
req-welcome-more = All commands and help by topic: /help; the main menu with buttons: /menu.
req-rejected = Your request (class { $className }, role: { $role }) has been rejected.
req-rejected-reason = Reason: { $reason }
req-reason-left = left the school
req-rejected-ask = If this is a mistake, write to { $who } or ask your class teacher for a new invite.
req-rejected-ask-admin = If this is a mistake, write to the school administrator or ask the class teacher for a new invite.

## Teacher status (F09, F20, F24)

ver-cmd-summary = confirm teachers' status
ver-notice =
    A new teacher awaits status confirmation: { $who }
    Subjects: { $subjects }
ver-no-subjects = not given
ver-btn-confirm = Confirm status
ver-btn-confirm-n = ✅ { $n }. { $name }
ver-outcome = ✅ Status confirmed by { $by }, { $when }.
ver-you-verified = Your teacher status has been confirmed ({ $by }). Teacher features are now available to you.
ver-help-pending = ⏳ Your teacher status is awaiting confirmation by the school's administration; teacher commands become available after it.
ver-done = Teacher status confirmed: { $who }. The teacher has been told.
ver-done-short = Status confirmed: { $name }
ver-already = The teacher status of { $who } is already confirmed.
ver-already-by = The teacher status of { $who } was already confirmed by { $by }.
ver-already-short = { $name }: status already confirmed
ver-already-short-by = { $name }: already confirmed by { $by }
ver-denied = Teacher status can be confirmed by an admin, the head or a deputy.
ver-not-teacher = This person is not a teacher of the school; there is nothing to confirm.
ver-left = This person has left the school.
ver-list-empty = No teachers are waiting for status confirmation.
ver-list-title = Teachers awaiting status confirmation: { $count }.
ver-list-more = …and { $count } more { $count ->
        [one] teacher
       *[other] teachers
    }: they appear here once these are confirmed, or find the teacher by surname: /verify Sokolova.
ver-list-hint = Press a numbered button to confirm the status. Confirm only people you know as the school's teachers.

## Classes (F04) — cls-

cls-cmd-classes = the school's classes: list, create, structure
cls-cmd-rename = rename a class: /rename 5А 5Б
cls-cmd-archive = archive a class: /archive 5А
cls-list-header = Classes: { $count } (plus the staff room).
cls-line = { $name } — students: { $students }, parents: { $parents }, class teacher: { $leads }
cls-line-staff = { $name } — teachers: { $teachers }
cls-no-lead = not assigned
cls-list-hint = Create classes: /classes 5А 5Б 6А. A class's roster: /class 5А. The archive: /classes archived.
cls-list-empty-hint = No classes yet. Create them as a list: /classes 5А 5Б 6А — or the whole structure with the button "Build structure".
cls-archived-header = Archived classes: { $count }.
cls-archived-line = { $name } — archived on { $when }
cls-archived-none = No classes are archived yet.
cls-btn-grid = Build structure
cls-btn-rename = Rename
cls-btn-archive = Archive
cls-btn-class-teachers = Class teachers
cls-too-many = At most { $max } classes at a time. Split the list or use the button "Build structure".
cls-created = Created { $count } { $count ->
        [one] class
       *[other] classes
    }: { $names }.
cls-duplicates = Already exist, not created: { $names }.
cls-invalid-header = Not created — the name does not fit:
cls-invalid-line = "{ $name }": { $reason }
cls-nothing-created = Nothing was created.
cls-reason-empty = the name is empty. Example: 5А.
cls-reason-no-grade = no grade number. Use a number from 1 to 11 and a letter, e.g. 5А.
cls-reason-grade-range = the grade must be from 1 to 11.
cls-reason-no-letter = no letter. Put one letter after the number, e.g. 5А.
cls-reason-many-letters = one letter only, not several. E.g. 5А.
cls-reason-not-cyrillic = the letter must be Cyrillic (А, Б, В…).
cls-reason-bad-characters = extra characters. Only the number and one Cyrillic letter, e.g. 5А.
cls-err-bad-name = The name "{ $name }" does not fit: { $reason }
cls-err-taken = Class { $name } already exists. Pick another name or archive that class first.
cls-err-staff-room = The staff room cannot be renamed, archived or used as a regular class: it always exists.
cls-err-archived = This class is archived. Choose an active class.
cls-err-not-found = There is no class { $name }. The list of classes: /classes.
cls-none-yet = No classes yet. Create them: /classes 5А 5Б.
cls-rename-pick = Which class to rename?
cls-rename-ask = Type the new name for { $name }, e.g. 5Б.
cls-renamed = Class { $from } is renamed to { $to }.
cls-archive-pick = Which class to archive?
cls-archive-confirm = Archive class { $name }? Its invites stop working and its class teachers are detached. Students and parents stay in the class's records.
cls-btn-archive-yes = Yes, archive
cls-archived = Class { $name } is archived. Invites revoked: { $invites }.
cls-archived-short = The class is archived.
cls-already-archived = Class { $name } is already archived.
cls-kept = Cancelled, nothing changed.
cls-grid-ask-from = Let's build the class structure. Which grade to start from?
cls-grid-ask-to = Up to which grade, inclusive? (from { $from } to 11)
cls-grid-bad-grade = A number from { $min } to 11, please — press a button or type it.
cls-grid-ask-letters = Which letters do the classes of each grade have? Pick a button or type the letters, e.g.: А Б В Г Д.
cls-grid-bad-letter = "{ $letter }" is not a Cyrillic letter. Type the letters in Cyrillic, e.g.: А Б В.
cls-grid-no-letters = I see no letters. Type them, e.g.: А Б В.
cls-grid-many-letters = Too many letters: at most { $max } per grade.
cls-grid-exists-mark = { $name } (exists)
cls-grid-preview =
    Check the list of classes:
    
    { $list }
    
    To create: { $count }. Already exist: { $existing }.
cls-grid-all-exist =
    All these classes already exist, nothing to create:
    
    { $list }
cls-btn-grid-create = Create ({ $count })
cls-btn-grid-letters = Other letters

## Admins and roles (F06, F18) — adm-

adm-cmd-admins = platform admins: appoint, remove
adm-cmd-head = mark the school's head: /head SURNAME
adm-cmd-deputy = mark a deputy head: /deputy SURNAME
adm-cmd-staff = the school's staff and their roles
adm-err-denied = You have no rights for this. Your commands: /help.
adm-err-last-admin = This is the last platform admin — they cannot be removed. Appoint another admin first.
adm-err-not-verified = This person is not a verified teacher. Only joined teachers with a confirmed status can be appointed.
adm-err-not-teacher = This person has not joined the school as a teacher. They must join through a staff room invite first.
adm-err-left = This person has left the school.
adm-err-no-member = This person is not a member of the school.
adm-unreachable = The notice was not delivered: { $who } has not written to the school's community yet, and VK does not let a community write first. Ask them to send the community any message.
adm-no-candidates = Nobody fits: only joined teachers with a confirmed status can be appointed.
adm-admins-header = Platform admins ({ $count }):
adm-admins-hint = Appoint: /admins add SURNAME. Remove: /admins remove SURNAME.
adm-btn-appoint-admin = Appoint an admin
adm-btn-remove-admin = Remove an admin
adm-pick-admin = Whom to appoint as admin? (verified teachers are shown)
adm-pick-remove-admin = Whom to remove from admins?
adm-admin-appointed = { $person } is now a platform admin.
adm-already-admin = { $person } is already an admin.
adm-admin-removed = { $person } is no longer a platform admin.
adm-not-admin = { $person } is not an admin anyway.
adm-notify-admin =
    You have been appointed a platform admin of the school.
    Now you can: keep the list of classes (/classes), invite people and accept requests, assign class teachers (/classteacher), record transfers and leaving (/transfer, /left), move the school to the next year (/promote) and read the audit log (/audit).
    All your commands: /help.
adm-notify-admin-removed = You are no longer a platform admin of the school. Your other roles stay. Your commands: /help.
adm-notify-head =
    You have been marked as the head of the school.
    Now you can: confirm teacher status, appoint platform admins (/admins), see classes and rosters (/classes, /class), plan broadcasts and meetings.
    All your commands: /help.
adm-notify-deputy =
    You have been marked as a deputy head of the school.
    Now you can: confirm teacher status, see classes and rosters (/classes, /class), plan broadcasts and meetings.
    All your commands: /help.
adm-role-holders = { $count ->
        [0] { $role ->
            [head] No head of the school is marked yet.
           *[deputy] No deputy head is marked yet.
        }
       *[other] Now { $roleName }: { $people }.
    }
adm-pick-role = Whom to mark? The role "{ $role }" can be given to a verified teacher.
adm-btn-unset = Remove: { $name }
adm-role-set = { $person } is now { $role }.
adm-head-replaced = { $count ->
        [1] { $person } is no longer the head of the school.
       *[other] No longer heads of the school: { $people }.
    }
adm-role-unset = { $person } is no longer { $role }.
adm-staff-header = Staff ({ $count }):
adm-staff-leads = class teacher of { $classes }
adm-staff-unverified = teacher status not confirmed
adm-btn-set-head = Appoint the head
adm-btn-set-deputy = Appoint a deputy

## Class teachers (F07) — ct-

ct-cmd-classteacher = class teachers: /classteacher 5А
ct-cmd-class = a class's roster: /class 5А
ct-pick-class = Choose a class:
ct-current = { $count ->
        [0] { $name } has no class teacher yet.
        [1] Class teacher of { $name }: { $people }.
       *[other] Class teachers of { $name }: { $people }.
    }
ct-pick = Whom to assign? (verified teachers are shown; one teacher may lead several classes)
ct-btn-unassign = Remove: { $name }
ct-assigned = { $person } is now a class teacher of { $name }.
ct-unassigned = { $person } is no longer a class teacher of { $name }.
ct-notify-assigned = You are now the class teacher of { $name }. The class's roster: /class { $name }. All your commands: /help.
ct-err-not-yours = Only the class teachers of { $name } and the school's administration can see its roster.
ct-no-own-classes = You are not a class teacher of any class yet.
ct-pick-roster = Which class's roster to show?
ct-roster-title = Class { $name }
ct-roster-leads = { $count ->
        [0] Class teacher: not assigned
        [1] Class teacher: { $people }
       *[other] Class teachers: { $people }
    }
ct-roster-students = Students ({ $count }):
ct-roster-parents = Parents ({ $count }):
ct-roster-teachers = Teachers ({ $count }):
ct-roster-parent = { $person } — child: { $child }
ct-roster-none = nobody yet
ct-roster-more-buttons = Buttons are shown for the first { $shown }; transfer the others with /transfer SURNAME CLASS.
ct-btn-class-teachers = Class teachers

## Movement (F10) — mv-

mv-cmd-transfer = transfer a student to another class: /transfer SURNAME 6А
mv-cmd-left = record leaving: /left SURNAME
mv-cmd-promote = move to the next school year
mv-cmd-audit = the audit log
mv-err-not-student = This person is not a student (or has left). Only students can be transferred.
mv-transfer-pick = Which class to transfer { $person } to? Now: { $from }.
mv-no-targets = There are no other classes to transfer to.
mv-btn-transfer = Transfer: { $name }
mv-transferred = { $person } is transferred from { $from } to { $to }.
mv-already-there = { $person } is already in { $name }.
mv-left-last-admin = { $person } is the only platform administrator and cannot be marked as having left. Appoint another administrator first: /admins.
mv-left-confirm = Mark { $person } as having left? Their roles and rights end at once, and the invites they created are revoked.
mv-btn-left-yes = Yes, left
mv-left-done = { $person } is marked as having left. Rights ended, invites revoked: { $invites }.
mv-left-short = Leaving recorded.
mv-already-left = { $person } is already marked as having left.
mv-plan-header = Moving to the next school year. It all happens in one step:
mv-plan-moves = Moving up a grade ({ $count }):
mv-plan-graduates = { $count ->
        [1] Graduating: { $names } — the class is archived, graduates and their parents leave it.
       *[other] Graduating ({ $count }): { $names } — the classes are archived, graduates and their parents leave them.
    }
mv-plan-kept = Staying in place: { $names }.
mv-plan-conflicts = This cannot be done as is:
mv-plan-conflict = { $from } → { $to }: the name { $to } is held by class { $blocking }, which stays in place. Keep { $from } in place too, or rename { $blocking } (/rename), or archive it.
mv-plan-has-conflicts = Resolve the conflicts first.
mv-plan-nothing = There are no classes to move.
mv-btn-promote = Promote
mv-btn-keep = Keep a class in place
mv-btn-kept = { $name } (stays)
mv-btn-back-to-plan = Back to the plan
mv-keep-ask = Which class stays in place this time? Press it again to move it after all.
mv-promote-stale = The classes changed while you were looking at the plan. Here is the new plan — check it and confirm again.
mv-promote-conflict = Promotion not done: a name conflict appeared. Nothing changed.
mv-promoted = Done: classes moved — { $moved }, classes graduated — { $graduated } (graduates and their parents: { $people }).
mv-graduated-notice = 🎓 Class { $name } has graduated — congratulations on finishing school! This class is now closed in the bot; thank you for being with us.

# Families: parents linked to their children (F08, F10)
mv-cmd-linkchild = link a parent to their child (a student), e.g. /linkchild Petrova Petrov (the parent's surname first, then the student's)
mv-link-pick = Who is the child of { $person }? Given on joining: { $child }. Pick the student:
mv-link-no-students = There are no students you can pick in the classes where { $person } is a parent.
mv-link-not-parent = This person is not a parent in this class (or has left). Only a parent who joined the student's class can be linked.
mv-link-no-common = { $parent } and { $student } are not in one class: the parent must join the student's class with a parent invite.
mv-linked = Done: { $parent } is linked to the student { $student } ({ $className }).
mv-link-already = { $parent } is already linked to the student { $student } ({ $className }).
mv-link-told = You are linked to the student { $child } ({ $className }) as their parent.
mv-you-transferred = You have been moved to class { $to } (was { $from }).
mv-child-transferred = Your child { $child } has been moved from { $from } to { $to }. You are now among the parents of class { $to }.
mv-parent-stays = You also stay in { $from }: another child of yours studies there.
mv-parents-moved = { $count ->
        [one] Parent moved
       *[other] Parents moved
    } with the student to { $to }: { $parents }.
mv-parents-joined = { $count ->
        [one] Parent added
       *[other] Parents added
    } to { $to }, staying in { $from } too (another child there): { $parents }.
mv-not-told = { $count ->
        [one] Could not tell { $person }: they have not written to the school's community yet, and VK does not let a community write first.
       *[other] Did not get the message ({ $count }): { $people } — they have not written to the school's community yet, and VK does not let a community write first.
    }
mv-left-requests = { $count } join { $count ->
        [one] request
       *[other] requests
    } rejected (reason: left).
mv-left-parents = { $count ->
        [one] Parent
       *[other] Parents
    } told: { $people }.
mv-left-parents-gone = { $count ->
        [one] { $person } has no other children in the school, so is also marked as left.
       *[other] These parents have no other children in the school, so they are also marked as left ({ $count }): { $people }.
    }
mv-child-left = Your child { $child } ({ $className }) has been marked as having left the school.
mv-parent-left-class = You are no longer among the parents of class { $className }.
mv-parent-left-school = You have no other children in the school, so your access as a parent has ended.
req-outcome-child-linked = 👪 Child «{ $child }» found: { $student }.
req-outcome-child-none = ⚠️ No student named «{ $child }» in { $className } — the parent is linked by name only. When a student of that name joins, the link appears by itself; or link by hand: /linkchild { $parent }
req-outcome-child-ambiguous = ⚠️ Several students named «{ $child }» in { $className } — no child chosen. Link by hand: /linkchild { $parent }
req-outcome-parents-linked = 👪 Linked to { $count ->
        [one] the parent
       *[other] the parents
    }: { $parents }.
req-child-joined = { $child } has joined class { $className } — you are linked as their parent.

## Administration meetings (F22)

mt-cmd-meeting = plan a meeting: /meeting
mt-cmd-meetings = your upcoming meetings — move or cancel them: /meetings
mt-denied = Meetings are planned by the head, the deputies and the admins.
mt-ask-title = What is the meeting called? For example: “Staff meeting” or “5A parents' meeting”.
mt-ask-when = When is it? Write the date and time in the school's time, for example: “15.09 14:30” or “tomorrow 15:00”.
mt-time-unreadable = Could not read the date and time. Write, for example: “15.09 14:30” or “tomorrow 15:00”.
mt-time-past = That time has passed. Write a date and time in the future, for example: “tomorrow 15:00”.
mt-ask-place = Where is it? Write the room or a call link — or press “Skip”.
mt-btn-skip = Skip
mt-ask-audience = Whom to invite?
mt-btn-deputies = Leadership
mt-btn-staff = All staff
mt-btn-parents = A class's parents
mt-ask-class = The parents of which class?
mt-no-classes = The school has no classes yet whose parents could be invited.
mt-audience-deputies = the head and the deputies
mt-audience-staff = all staff
mt-audience-parents = the parents of { $className }
mt-confirm = Meeting “{ $title }”
mt-line-when = When: { $when }
mt-line-place = Where: { $place }
mt-line-no-place = No place given.
mt-line-audience-plain = Invited: { $audience }.
mt-line-audience = Invited: { $audience } ({ $count }).
mt-btn-send = Send the invitations
mt-invite = 📅 { $organiser } invites you to the meeting “{ $title }”.
mt-created = ✅ The meeting “{ $title }” is set for { $when }.
mt-report-chat = { $outcome ->
    [sent] Sent to the { $chat ->
        [leadership] leadership chat
       *[staff] teaching staff chat
    }.
   *[failed] Could not post to the { $chat ->
        [leadership] leadership chat
       *[staff] teaching staff chat
    } (the bot was removed or has no rights): everyone got it privately.
}
mt-report-reached = The invitation reached { $reached } of { $total } by private message.
mt-report-told = Told by private message: { $reached } of { $total }.
mt-report-missed = Not delivered ({ $count }) — these people have not written to the community yet or do not allow its messages:
mt-report-nobody = Nobody to invite: the chosen group has nobody in it yet.
mt-report-reminders = Reminders go { $list } before it starts.
mt-report-no-reminders = No reminders: the meeting is too soon.
mt-before = { $n } { $unit ->
        [d] { $n ->
            [one] day
           *[other] days
        }
        [h] h
        [m] min
       *[s] s
    }
mt-reminder = ⏰ Reminder: the meeting “{ $title }”.
mt-list-none = You have no upcoming meetings. To plan one: /meeting
mt-list-header = Your upcoming meetings ({ $count }):
mt-list-header-school = The school's upcoming meetings ({ $count }). You may move or cancel any of them: the one who planned it will be told.
mt-list-none-school = The school has no upcoming meetings. To plan one: /meeting
mt-list-title = 📅 “{ $title }”
mt-btn-move = Move
mt-btn-cancel = Cancel
mt-not-found = Meeting not found.
mt-not-yours = The meeting may be changed by the one who planned it, an administrator or the head.
mt-line-organiser = Planned by { $who }.
mt-changed-by = { $change ->
        [cancelled] ❌ { $who } cancelled your meeting “{ $title }” ({ $when }). Those invited were told.
       *[moved] 🔁 { $who } moved your meeting “{ $title }” to { $when }. Those invited were told; the reminders moved too.
    }
mt-already-cancelled = This meeting is cancelled already.
mt-finish-dialog = Finish the current dialog first, or cancel it: /cancel
mt-cancelled-notice = ❌ The meeting “{ $title }” ({ $when }) is cancelled.
mt-cancelled = ❌ The meeting “{ $title }” ({ $when }) is cancelled.
mt-card-cancelled = ❌ The meeting “{ $title }” is cancelled.
mt-cancel-done = Cancelled; everyone invited was told.
mt-ask-new-time = When should “{ $title }” move to (now: { $when })? For example: “15.09 14:30” or “tomorrow 15:00”.
mt-moved-notice = 🔁 The meeting “{ $title }” is moved to { $when }.
mt-moved-was = It was: { $when }
mt-moved = 🔁 The meeting “{ $title }” is moved to { $when }.

## Commands typed in a chat

private-moved = 📬 { $person }, the answer is in your private dialog with the bot.
private-first = This command shows personal data or opens a dialog, so the answer comes in private messages. Please write to the bot privately first ({ $link }), then repeat the command.

## Subjects

subject-russian = Russian
subject-literature = Literature
subject-maths = Mathematics
subject-algebra = Algebra
subject-geometry = Geometry
subject-informatics = Computer science
subject-history = History
subject-social = Social studies
subject-geography = Geography
subject-biology = Biology
subject-physics = Physics
subject-chemistry = Chemistry
subject-english = English
subject-german = German
subject-pe = Physical education
subject-art = Art
subject-music = Music
subject-technology = Technology
subject-safety = Life safety (OBZh)
subject-primary = Primary school

## The administration chats: leadership and teaching staff (F22) — ac-

ac-cmd-summary = the leadership chat and the teaching staff chat: /staffchats
ac-title-leadership = School leadership
ac-title-staff = Teaching staff
ac-header = The school administration's chats:
ac-members-leadership = the head and the deputies
ac-members-staff = the head, the deputies and every verified teacher
ac-line-made = «{ $title }» ({ $members }): { $link }
ac-line-missing = «{ $title }» ({ $members }): not created yet.
ac-hint = Press a button to create a chat. The bot sends its link to the members in private messages.
ac-all-made = Both chats exist. A teacher gets the staff chat's link once their status is confirmed, a new deputy gets the leadership chat's link when appointed.
ac-btn-create-leadership = Create the leadership chat
ac-btn-create-staff = Create the staff chat
ac-denied = The leadership chat and the teaching staff chat are created by the head of the school or an admin. Once your chat is made, the bot sends you its link in a private message.
ac-denied-not-staff = The leadership chat and the teaching staff chat are the school staff's chats.
ac-denied-short = The head of the school or an admin creates these chats.
ac-busy = This chat is being created right now. Wait a minute and send /staffchats to see its link.
ac-busy-short = The chat is being created, wait a minute.
ac-exists = The chat «{ $title }» exists already; a second one is not needed. Join link: { $link }
ac-exists-short = This chat exists already.
ac-created = ✅ The chat «{ $title }» is created. Join link: { $link }
ac-created-short = Chat created.
ac-invite-leadership = 👥 { $by } created the school leadership chat «{ $title }» for the head and the deputies. Join by the link: { $link }
ac-invite-staff = 👥 { $by } created the teaching staff chat «{ $title }» for the head, the deputies and every teacher of the school. Join by the link: { $link }
ac-report-nobody = There is nobody to send the link to yet. New members get it from the bot: teachers once their status is confirmed, deputies when appointed.
ac-report-reached = Got the link in private messages: { $reached } of { $total }.
ac-report-missed = Not sent ({ $count }) — these people have not written to the community yet or have blocked its messages:
ac-report-pass-on = Pass the link on to them yourself. As soon as they write to the community, the bot can message them.
ac-late-staff = 👥 The school has a teaching staff chat «{ $title }» for the head, the deputies and every teacher. Join by the link: { $link }
ac-late-leadership = 👥 The school leadership has a chat «{ $title }» for the head and the deputies. Join by the link: { $link }

## System channels: the school-wide and the staff channel, posts to them (F12)

ch-cmd-post = write a post to the school-wide or the staff channel: /post
ch-cmd-posts = the last posts and how many people got them: /posts
ch-cmd-channels = which chats are bound as channels: /channels
ch-cmd-bind = in a chat with the bot: make it a channel — /bind school or /bind staff
ch-cmd-unbind = in a channel's chat: unbind the channel from the chat — /unbind
ch-denied = The school's channels are run by the admins: only they bind chats as channels and write posts. If you want something published, give the text to a school admin.
ch-name = { $kind ->
    [school] the school-wide channel
   *[staff] the staff channel
}
ch-btn-channel = { $kind ->
    [school] School-wide channel
   *[staff] Staff channel
}
ch-audience = { $kind ->
    [school] the school's students, parents and staff
   *[staff] the school's teachers and administration
}
ch-bind-in-chat = Type this command in the chat itself that is to become a channel: add the community (the bot) there and write /bind school or /bind staff in that chat.
ch-bind-usage = Which channel should this chat be? Write /bind school (the school-wide channel) or /bind staff (the staff channel).
ch-bind-done = ✅ This chat is now { $channel }. Posts made with /post will come here; people who are not in the chat get them from the bot in private messages.
ch-bind-moved = ✅ This chat is now { $channel }. The channel's previous chat gets no more posts.
ch-bind-same = This chat is { $channel } already; nothing to change.
ch-bind-taken = This chat is bound as { $channel } already. One chat, one channel: write /unbind here first.
ch-unbind-done = This chat is no longer { $channel }. To bind the channel to another chat, write /bind in that chat.
ch-unbind-none = This chat is not bound to any channel.
ch-list-header = The school's channels:
ch-list-bound = { $channel }: chat { $chat }, bound by { $by } on { $when }
ch-list-unbound = { $channel }: not bound
ch-how-to-bind = To bind a channel, add the community (the bot) to the chat and write /bind school or /bind staff in that chat.
ch-post-none-bound = No channel is bound yet, so there is nowhere to post. Add the community (the bot) to the chat of the future channel, write /bind school or /bind staff in that chat, then /post again.
ch-post-ask-channel = Which channel should the post go to?
ch-post-attachments = Attachments: { $count ->
    [one] { $count } photo or document
   *[other] { $count } photos or documents
}.
ch-attach-kinds = Only photos and documents can go with a post; stickers, voice messages and videos cannot. Send the text with photos or documents again.
ch-attach-too-many = There are { $count } attachments, and one message takes at most { $max }. Send the text again with fewer photos and documents.
ch-attach-failed = Could not take an attachment: it may have been deleted. Send the text with photos or documents again.
ch-attach-not-here = Only text is needed here, no attachments: photos and documents for the material can be handed to an admin separately. Send the text again.
ch-post-ask-text = Write the text of the post for { $channel }. At most 4096 characters: VK does not deliver a longer text as one message. Attach photos and documents (up to 10) to the same message.
ch-post-too-long = The text is too long: { $length } { $length ->
    [one] character
   *[other] characters
}, and at most { $max } are allowed. Shorten it or split it into several posts — the bot never cuts a text.
ch-post-ask-pin = Above is the post exactly as people will get it. Pin it in the channel's chat?
ch-btn-pin = Pin in the chat
ch-btn-no-pin = Do not pin
ch-post-confirm = A post to { $channel }, { $length } { $length ->
    [one] character
   *[other] characters
}.
    Pin in the chat: { $pin ->
        [yes] yes
       *[no] no
    }.
    Who gets it: everyone in the channel's chat; { $audience } who are not in the chat, in private messages.
ch-post-ask-send = Send it?
ch-btn-send = Send
ch-btn-edit = Change the text
ch-post-unbound = { $channel } is no longer bound to a chat; the post was not sent. Bind the channel again (/bind in the chat) and repeat /post.
ch-report-header = ✅ The post was sent: { $channel }.
ch-report-chat = In the channel's chat: { $outcome ->
    [pinned] published and pinned.
    [sent] published.
    [pin_failed] published, but it could not be pinned — make the community an admin of the chat and pin the post by hand.
   *[failed] it could not be sent (the community may have been removed from the chat). So the post went in private messages to everyone the channel is for.
}
ch-report-private = Privately (to those not in the channel's chat): { $reached } of { $total } got it.
ch-report-private-none = Nobody needed a private copy: everyone the channel is for is in its chat.
ch-report-unreachable = Not delivered: { $count } — these people have never written to the community, and VK does not let the bot write to them first. Ask them to send the community any message (for example «Start»); then the next posts will reach them.
ch-report-failed = { $count } more did not get the post because of a VK error.
ch-posts-none = No posts in the channels yet. To write one: /post.
ch-posts-header = The last posts ({ $count }):
ch-posts-line = { $when }, { $channel }: «{ $excerpt }»
ch-posts-chat = In the chat: { $outcome ->
    [pinned] published and pinned
    [sent] published
    [pin_failed] published, not pinned
   *[failed] not published
}
ch-posts-private = Got it privately: { $reached } of { $total }{ $unreachable ->
    [0] {""}
   *[other] , { $unreachable } not delivered
}

## Study chats (F25)

sc-cmd-chat = create a class's subject chat or another chat (a club, a project, a parallel): /chat
sc-cmd-chats = study chats and their links: /chats
sc-denied = Study chats are created by the school's teachers. Students and parents get the links to their class's chats from the bot in private messages.
sc-denied-unverified = Study chats are created by teachers whose status is confirmed. Your teacher status is still waiting for the school administration's confirmation; /chat will work after it.
sc-no-classes = The school has no classes yet to create a study chat for.
sc-ask-class = Which class is the study chat for? The classes you lead or already have chats in come first.
sc-ask-subject = Which subject is the chat of { $className } for?
sc-ask-audience = Who gets the chat's link in private messages: only the students of { $className }, or the students and their parents?
sc-btn-students = Students only
sc-btn-parents = Students and parents
sc-confirm = Study chat “{ $title }”
    Class: { $className }, subject: { $subject }.
    The link goes to the { $parents ->
        [yes] students and parents
       *[no] students
    } in private messages.
sc-btn-create = Create
sc-btn-rename = Change the title
sc-ask-title = The title now is “{ $title }”. Write the chat's new title (at most 100 characters).
sc-busy = This chat is being created right now. Wait a minute and send /chats to see its link.
sc-exists = You already have the study chat “{ $title }” for this class and subject; no second one is needed. Join link: { $link }
sc-created = ✅ The { $kind ->
        [subject] study chat
       *[other] chat
    } “{ $title }” is created. Join link: { $link }
sc-invite-student = 📚 Your teacher { $teacher } created the study chat “{ $title }” (subject: { $subject }, class { $className }). Join by the link: { $link }
sc-invite-parent = 📚 The teacher { $teacher } created the study chat “{ $title }” (subject: { $subject }, class { $className }) and invites the parents. Join link: { $link }
sc-report-nobody = The class has no students to send the link to yet. New students can get it from you or the class teacher.
sc-report-reached = Got the link in private messages: { $reached } of { $total }.
sc-report-missed = Could not send ({ $count }): these people have not written to the community yet, or forbade its messages:
sc-report-student = { $person }, student
sc-report-parent = { $person }, parent
sc-report-pass-on-lead = Pass the link on to them yourself or through the class teacher ({ $people }).
sc-report-pass-on = Pass the link on to them yourself: once they write to the community, the bot can write to them.
sc-list-none-of = { $scope ->
    [school] The school has no study chats yet.
    [class] Your class has no study chats yet. When a teacher creates one, the bot sends you its link.
   *[mine] You have no study chats yet. Create one with /chat.
}
sc-list-header-of = { $scope ->
    [school] The school's study chats ({ $count }):
    [class] Your class's study chats ({ $count }):
   *[mine] Your study chats ({ $count }):
}
sc-list-line = “{ $title }”: class { $className }, { $subject }: { $link }
sc-list-line-school = “{ $title }”: class { $className }, { $subject }, teacher { $teacher }: { $link }
sc-quoted = “{ $title }”
sc-stranger-joined = ⚠️ Someone who is not of class { $className } joined the study chat “{ $title }” by its link: { $person }. They are not among the class's students and parents or the school's staff. If you do not know them, remove them from the chat.
sc-stranger-added = ⚠️ Someone who is not of class { $className } was added to the study chat “{ $title }”: { $person } (added by { $by }). They are not among the class's students and parents or the school's staff. If you do not know them, remove them from the chat.
sc-btn-remove = Remove from the chat
sc-stranger-removed = ✅ { $person } was removed from the study chat “{ $title }”.
sc-stranger-gone = { $person } is no longer in the study chat “{ $title }”.
sc-stranger-belongs = { $person } is now on the roster of class { $className } or on the school's staff, so they stay in the study chat “{ $title }”.
sc-removed-short = Removed from the chat.
sc-gone-short = They are no longer in the chat.
sc-belongs-short = They are on the roster now: not removed.
sc-remove-denied = Only the chat's teacher or an admin can remove people from the chat.
sc-removed-left = { $person } has left the school and was removed from the study chat “{ $title }” (class { $className }).
sc-removed-left-role = { $person } left the school and was removed from the chat “{ $title }”.
sc-removed-consent = { $person } was removed from the study chat «{ $title }» (class { $className }): the consent to the processing of data was withdrawn and the data deleted.
sc-removed-transferred = { $person } was transferred from class { $className } to { $to } and removed from the study chat “{ $title }”.
sc-removed-parent = { $person } is no longer a parent of a student of class { $className } and was removed from the study chat “{ $title }”.
sc-removed-graduated = 🎓 Class { $className } has graduated: the graduates and their parents were removed from the study chat “{ $title }” — { $count }.
sc-removed-report = { $count ->
        [1] { $person } was removed from the chat { $chats }.
       *[other] { $person } was removed from the chats: { $chats }.
    }
ac-removed-report = { $count ->
        [1] { $person } was removed from the chat { $chats }.
       *[other] { $person } was removed from the administration chats: { $chats }.
    }
sc-ask-kind = Which chat to create?
    “A class's subject chat” — a chat of one class for your subject.
    “Another chat” — a club, a project group, a parallel of classes, the teachers of a subject and so on.
sc-btn-kind-subject = A class's subject chat
sc-btn-kind-other = Another chat
sc-other-ask-title = What should the chat be called? Write its title (at most 100 characters), e.g. “Chess club” or “Year 7 project”.
sc-other-ask-audience = Who is the chat “{ $title }” for: one class, several classes, or everyone of a role?
sc-other-btn-one-class = One class
sc-other-btn-classes = Several classes
sc-other-btn-role = A role
sc-other-ask-class = Which class is the chat “{ $title }” for?
sc-other-ask-classes = Mark the classes for the chat “{ $title }”: a press marks a class ✓, another press unmarks it. When you are done, press “Done”.
sc-other-chosen = { $count ->
    [0] No class is chosen yet.
   *[other] Chosen: { $classes }.
}
sc-other-btn-done = Done
sc-other-none-chosen = Mark at least one class first.
sc-other-ask-role = Who is the chat “{ $title }” for?
sc-other-btn-role-of = { $role ->
    [student] All students
    [parent] All parents
    [teacher] All teachers
   *[administration] Administration
}
sc-other-ask-parents = Who should get the link to the chat “{ $title }” in private messages: only the students, or the students and their parents?
sc-other-confirm = Chat “{ $title }”
    For: { $audience }.
    The bot will send them the link in private messages.
sc-other-audience-classes = { $parents ->
    [yes] the students and parents of { $count ->
        [one] class
       *[other] classes
    } { $classes }
   *[no] the students of { $count ->
        [one] class
       *[other] classes
    } { $classes }
}
sc-other-audience-role = { $role ->
    [student] all the school's students
    [parent] all the students' parents
    [teacher] all the school's teachers
   *[administration] the school's administration
}
sc-other-invite = 📚 { $teacher } created the chat “{ $title }” ({ $audience }). Join by the link: { $link }
sc-other-invite-parent = 📚 { $teacher } created the chat “{ $title }” ({ $audience }) and invites the parents. Link to join: { $link }
sc-other-report-nobody = There is nobody to send the link to yet: the chat's audience has nobody besides you. Invite the members yourself.
sc-other-list-line = “{ $title }” — { $audience }: { $link }
sc-other-list-line-school = “{ $title }” — { $audience }, teacher { $teacher }: { $link }
sc-other-stranger-joined = ⚠️ { $person } joined the chat “{ $title }” ({ $audience }) by the link: the chat is not meant for them, and they are not on the school's staff. If you do not know them, remove them from the chat.
sc-other-stranger-added = ⚠️ { $by } added { $person } to the chat “{ $title }” ({ $audience }): the chat is not meant for them, and they are not on the school's staff. If you do not know them, remove them from the chat.
sc-other-stranger-belongs = { $person } is now of the chat “{ $title }” ({ $audience }) or on the school's staff, so they stay in the chat.

## Material for the channels from the administration and teachers (F21)

mat-cmd-submit = propose material for the school-wide or the staff channel
mat-cmd-materials = material waiting for a decision
mat-denied = Material for the channels can be proposed by the school's administration and by teachers whose status is confirmed.
mat-none-bound = The school's channels are not bound yet, so there is nowhere to propose material. Ask an admin to bind the channels' chats.
mat-ask-channel = Which channel is the material for?
mat-ask-text = Write the text of the material for { $kind ->
        [school] the school-wide channel
       *[staff] the staff channel
    }. At most 4096 characters: it will be published as it is. Attach photos and documents (up to 10) to the same message.
mat-confirm = Above is the text as { $kind ->
        [school] the school-wide channel
       *[staff] the staff channel
    } will see it. Send it to the admins for review?
mat-btn-send = Send for review
mat-handed-in = Material no. { $id } for { $kind ->
        [school] the school-wide channel
       *[staff] the staff channel
    } was sent for review. { $admins ->
    [0] There are no other admins in the school: publish it yourself with /materials.
    [one] An admin will decide, and you will be told.
   *[other] One of the admins will decide, and you will be told.
}
mat-card = Material no. { $id } for { $kind ->
        [school] the school-wide channel
       *[staff] the staff channel
    } from { $who }, { $when }:
mat-btn-publish = Publish
mat-btn-decline = Decline
mat-btn-edit = Edit and publish
mat-btn-edit-again = Edit again
mat-edit-current = The text of material no. { $id } as it is now follows in the next message. Copy it, correct it and send it back.
mat-edit-ask = Send the corrected text of material no. { $id } (at most 4096 characters): it is published exactly so, and the author sees the published text.
mat-edit-confirm = Above is the text as the channel will see it. Publish material no. { $id } with these corrections?
mat-author-published-text = The published text:
mat-outcome = { $status ->
    [published] ✅ Published by { $by }, { $when }.
    [edited] ✅ Published with corrections by { $by }, { $when }.
   *[declined] ❌ Declined by { $by }, { $when }.
}
mat-already = { $status ->
    [published] This material was already published by { $by }.
   *[declined] This material was already declined by { $by }.
}
mat-published-short = Material no. { $id } published.
mat-declined-short = Material no. { $id } declined; the author was told.
mat-not-found = There is no such material.
mat-not-pending = This material has been decided on already.
mat-ask-reason = Why is material no. { $id } declined? Write the reason — the author will see it (at most { $max } characters) — or press “No reason”.
mat-btn-no-reason = No reason
mat-author-outcome = { $status ->
    [published] ✅ Your material no. { $id } was published in { $kind ->
        [school] the school-wide channel
       *[staff] the staff channel
    }. Published by { $who }.
    [edited] ✅ Your material no. { $id } was published in { $kind ->
        [school] the school-wide channel
       *[staff] the staff channel
    } with corrections. Corrected and published by { $who }.
   *[declined] Your material no. { $id } for { $kind ->
        [school] the school-wide channel
       *[staff] the staff channel
    } was not published: { $who } declined it. You can ask them about it.
}
mat-author-reason = Reason: { $reason }
mat-list-empty = No material is waiting for a decision.
mat-list-header = { $more ->
    [yes] Waiting for a decision — the first { $count }:
   *[no] Waiting for a decision: { $count }.
}
mat-list-line = Material no. { $id } from { $who }:

{ $text }

## Broadcasts, webinars and online lessons (F13, F26, F31)

bc-cmd-broadcast = announce a broadcast — to the whole school, the staff or a class: /broadcast
bc-cmd-webinar = announce a webinar or a seminar for teachers: /webinar
bc-cmd-broadcasts = your upcoming broadcasts and webinars — move or cancel them: /broadcasts
bc-cmd-lesson = announce an online lesson in a subject chat: /lesson
bc-cmd-lessons = your upcoming online lessons — move or cancel them: /lessons
bc-denied = Broadcasts and webinars are announced by the head, the deputies and the admins.
bc-lesson-denied = Online lessons are announced by teachers in their subject chats.
bc-lesson-denied-unverified = Online lessons are announced by teachers whose status is confirmed. Your teacher status is still waiting for the school's confirmation — after it, /lesson will work for you.
bc-ask-title = { $kind ->
    [webinar] What is the webinar or seminar called? For example: “Study chats in Sferum”.
   *[broadcast] What is the broadcast called? For example: “The 1 September assembly”.
}
bc-ask-when = When does it start? Press “Today” or “Tomorrow” and type the time — or type the date and time in the school's time zone, for example: “15.09 14:30”.
bc-btn-today = Today
bc-btn-tomorrow = Tomorrow
bc-ask-hour = At what time { $day ->
    [today] today
   *[tomorrow] tomorrow
}? Type the time in the school's time zone, for example: “15:00”.
bc-time-unreadable = Could not read the time. Type, for example: “15:00”, “15.09 14:30” or “tomorrow 15:00”.
bc-time-past = That time has passed. A time in the future is needed, for example: “tomorrow 15:00”.
bc-ask-link = { $kind ->
    [lesson] Send the link to the lesson: a call or a stream, for example: https://vk.com/call/join/abc
    [webinar] Send the link to the webinar, for example: https://vk.com/video-123_456
   *[broadcast] Send the link to the broadcast, for example: https://vk.com/video-123_456
}
bc-link-bad = That does not look like a link. Send the whole address, for example: https://vk.com/call/join/abc
bc-link-too-long = The link is too long: at most { $max } characters.
bc-ask-audience = Whom is the broadcast for?
bc-btn-school = Whole school
bc-btn-staff = Staff
bc-btn-class = A class
bc-ask-class = Which class is the broadcast for? Its students and parents get the announcement in private messages.
bc-no-classes = The school has no classes yet. Choose another audience.
bc-channel-unbound = { $channel ->
    [school] The school-wide channel
   *[staff] The staff channel
} is not bound to a chat yet (an admin binds it with /bind in the chat itself). Send the announcement to everyone in private messages?
bc-btn-privately = Send privately
bc-btn-other-audience = Choose another audience
bc-audience = { $kind ->
    [school] { $privately ->
        [yes] the whole school — everyone in private messages
       *[no] the whole school — in the school-wide channel, and privately to those not in its chat
    }
   *[staff] { $privately ->
        [yes] the staff — everyone in private messages
       *[no] the staff — in the staff channel, and privately to those not in its chat
    }
}
bc-audience-class = the students and parents of { $className } — in private messages
bc-audience-chat = the subject chat “{ $title }”
bc-confirm = Check the announcement — this is exactly how it will be read:
bc-confirm-to = To: { $audience }.
bc-confirm-reminders = Reminders will come { $list } before the start.
bc-lesson-confirm-reminders = A reminder will come to the chat { $list } before the start.
bc-btn-announce = Announce
bc-announce = { $kind ->
    [webinar] 🎓 Webinar for teachers: “{ $title }”
    [lesson] 💻 Online lesson: { $title }
   *[broadcast] 📡 Broadcast “{ $title }”
}
bc-line-when = Starts: { $when }
bc-line-link = Link: { $link }
bc-line-teacher = Teacher: { $name }
bc-reminder = ⏰ Reminder: { $kind ->
    [webinar] the webinar “{ $title }”
    [lesson] the online lesson “{ $title }”
   *[broadcast] the broadcast “{ $title }”
} starts soon.
bc-moved-notice = 🔁 { $kind ->
    [webinar] The webinar “{ $title }” is moved
    [lesson] The online lesson “{ $title }” is moved
   *[broadcast] The broadcast “{ $title }” is moved
} to { $when }.
bc-moved-was = Was: { $when }
bc-cancelled-notice = ❌ { $kind ->
    [webinar] The webinar “{ $title }” ({ $when }) is cancelled.
    [lesson] The online lesson “{ $title }” ({ $when }) is cancelled.
   *[broadcast] The broadcast “{ $title }” ({ $when }) is cancelled.
}
bc-created = ✅ { $kind ->
    [webinar] The webinar “{ $title }” is announced
   *[broadcast] The broadcast “{ $title }” is announced
}: { $when }.
bc-lesson-created = ✅ The online lesson is announced in the chat “{ $title }”: { $when }.
bc-report-chat = { $outcome ->
    [sent] { $what ->
        [announcement] In the channel's chat: the announcement is posted.
       *[change] In the chat: told.
    }
    [failed] { $what ->
        [announcement] The channel's chat could not be reached — everyone got the announcement privately.
       *[change] The chat could not be told.
    }
   *[unbound] The channel is not bound to a chat — everyone got the announcement privately.
}
bc-report-reached = Got it privately: { $reached } of { $total }.
bc-report-told = Told in private messages: { $reached } of { $total }.
bc-report-nobody = Nobody to send it to privately.
bc-report-missed = Not sent ({ $count }) — these people have not written to the community yet or have blocked its messages:
bc-report-missed-more = …and { $count } more.
bc-report-reminders = { $where ->
    [chat] A reminder will come to the chat { $list } before the start.
   *[all] Reminders will come { $list } before the start.
}
bc-report-no-reminders = There will be no reminders: the start is too close.
bc-report-manage = { $kind ->
    [lesson] To move or cancel the lesson: /lessons
   *[other] To move or cancel it: /broadcasts
}
bc-before = { $n } { $unit ->
        [d] { $n ->
            [one] day
           *[other] days
        }
        [h] h
        [m] min
       *[s] s
    }
bc-lesson-no-chats = You have no subject chats yet. Create one with /chat — then you can announce online lessons in it.
bc-lesson-ask-chat = In which subject chat should the online lesson be announced?
bc-lesson-not-your-chat = This chat is not a subject chat of yours. Choose a chat where you teach.
bc-lesson-chat-gone = This subject chat is gone or is taught by another teacher.
bc-lesson-chat-failed = Could not post the announcement in the chat “{ $title }”: check that the bot is still in that chat. The lesson is not announced.
bc-list-none = { $list ->
    [lessons] You have no upcoming online lessons. To announce one: /lesson
   *[broadcasts] You have no upcoming broadcasts or webinars. To announce one: /broadcast or /webinar
}
bc-list-header-school = The school's upcoming broadcasts and webinars ({ $count }). You may move or cancel any of them: the one who announced it will be told.
bc-list-none-school = The school has no upcoming broadcasts or webinars. To announce one: /broadcast or /webinar
bc-list-header = { $list ->
    [lessons] Your upcoming online lessons ({ $count }):
   *[broadcasts] Your upcoming broadcasts and webinars ({ $count }):
}
bc-list-title = { $kind ->
    [webinar] 🎓 Webinar “{ $title }”
    [lesson] 💻 Online lesson: { $title }
   *[broadcast] 📡 Broadcast “{ $title }”
}
bc-line-audience = To: { $audience }. { $chat ->
    [yes] Announced in the chat
   *[no] Not announced in a chat
}, got it privately: { $count }.
bc-btn-move = Move
bc-btn-cancel = Cancel it
bc-not-found = There is no such announcement.
bc-not-yours = { $kind ->
        [lesson] Only the teacher who announced the online lesson may change it.
       *[other] It may be changed by the one who announced it, an administrator or the head.
    }
bc-changed-by = { $change ->
        [cancelled] ❌ { $who } cancelled your { $kind ->
            [webinar] webinar
            [lesson] online lesson
           *[broadcast] broadcast
        } “{ $title }” ({ $when }). Everyone who got the announcement was told.
       *[moved] 🔁 { $who } moved your { $kind ->
            [webinar] webinar
            [lesson] online lesson
           *[broadcast] broadcast
        } “{ $title }” to { $when }. Everyone who got the announcement was told; the reminders moved too.
    }
bc-already-cancelled = { $kind ->
    [webinar] This webinar is cancelled already.
    [lesson] This online lesson is cancelled already.
   *[broadcast] This broadcast is cancelled already.
}
bc-finish-dialog = First finish the current dialog or cancel it: /cancel
bc-card-cancelled = ❌ { $kind ->
    [webinar] The webinar “{ $title }” is cancelled.
    [lesson] The online lesson “{ $title }” is cancelled.
   *[broadcast] The broadcast “{ $title }” is cancelled.
}
bc-cancel-done = Cancelled, everyone is told.
bc-cancelled = ❌ { $kind ->
    [webinar] The webinar “{ $title }” ({ $when }) is cancelled.
    [lesson] The online lesson “{ $title }” ({ $when }) is cancelled.
   *[broadcast] The broadcast “{ $title }” ({ $when }) is cancelled.
}
bc-moved = 🔁 { $kind ->
    [webinar] The webinar “{ $title }” is moved
    [lesson] The online lesson “{ $title }” is moved
   *[broadcast] The broadcast “{ $title }” is moved
} to { $when }.
bc-ask-new-time = When should { $kind ->
    [webinar] the webinar
    [lesson] the online lesson
   *[broadcast] the broadcast
} “{ $title }” move to (now: { $when })? Press “Today” or “Tomorrow” and type the time — or type the date and time, for example: “15.09 14:30”.
## Sends to many (F12, F13, F22)

dl-progress = Sent { $sent } of { $total }…
dl-progress-done = Sent { $sent } of { $total }. The send is finished.
dl-delivered = Received: { $count }.
dl-refused-header = Not delivered: { $count }. What to do:
dl-refused-901 = { $count } have not written to the community yet or forbade it to write. Ask them to send the community any message (for example «Start») or to allow its messages, and the next sends will reach them.
dl-refused-900 = { $count } put the community on their blacklist. The bot cannot write to them until they remove it.
dl-refused-902 = { $count } closed private messages in their privacy settings. Ask them to allow messages from the community.
dl-refused-950 = { $count } have not written to the community for a long time. Ask them to send it any message.
dl-refused-9 = { $count } got too many messages in a row. Forward this message to them later.
dl-refused-other = { $count } were not reached by VK for another reason. Forward the message to them yourself.
dl-failed = { $count } more did not get the message because of a VK error.
dl-held-sent = 🌅 The quiet hours are over: the copies held until the morning went to the students and parents. Received: { $delivered } of { $total }.
dl-held = { $count } { $count ->
    [one] student or parent gets
   *[other] students and parents get
} the message at { $time }: it is quiet hours now ({ $quiet }).
dl-quiet-now = It is quiet hours now ({ $quiet }): students and parents get the post at { $time }, the staff at once. If the post cannot wait until the morning, press «Urgent: send at night too».
dl-btn-urgent = Urgent: send at night too

## Подтверждение прочтения постов (F12)

ack-btn-confirm = I have read it
ack-btn-ask-on = Ask to confirm reading
ack-btn-ask-off = Do not ask to confirm
ack-confirm-line = Confirmation of reading: { $ack ->
    [yes] asked (the post will carry an «I have read it» button)
   *[no] not asked
}.
ack-report = The post carries «I have read it»: confirmations expected from { $count } { $count ->
    [one] person
   *[other] people
}. Who confirmed and who has not: /posts.
ack-confirmed = Thank you! Noted that you have read it.
ack-already = You have already confirmed.
ack-not-for-you = This post was not for you: there is nothing to confirm.
ack-unknown-post = This post is not found or does not ask for a confirmation.
ack-denied = Only the school's admins can do this.
ack-posts-read = Read privately: { $read } of { $copies }
ack-posts-read-unknown = Read privately: could not be found out now
ack-posts-chat-read = Read in the chat: { $exact ->
        [yes] { $read }
       *[no] { $read ->
            [0] 0
           *[other] at least { $read }
        }
    } of { $members }
ack-posts-chat-unknown = Read in the chat: could not be found out now
ack-posts-confirmed = Confirmed: { $confirmed } of { $audience }
ack-btn-who = No. { $number }: who has not confirmed
ack-who-header = Post «{ $excerpt }»: confirmed by { $confirmed } of { $audience }.
ack-who-list = Not confirmed yet:
ack-who-none = Everyone the post was for has confirmed.
ack-who-page = Page { $page } of { $pages }.
ack-btn-prev = ← Back
ack-btn-next = Next →
ack-btn-remind = Remind those who have not
ack-reminder = A reminder: please read the post «{ $excerpt }» and press «I have read it» under this message.
ack-remind-done = Reminder sent: { $reminded } of { $total } got it.
ack-remind-refused = Not delivered: { $count }: these people do not allow the community to write to them. Remind them yourself.
ack-remind-again = The reminder for this post was already sent ({ $reminded } of { $total } got it); nobody got it twice.
ack-remind-nobody = Nobody to remind: everyone the post was for has confirmed.
## Scheduled posts (F12)

sp-cmd-scheduled = scheduled posts (change the text, move, cancel): /scheduled
sp-ask-when = When should the post go out?
sp-btn-now = Now
sp-btn-later = Schedule
sp-ask-time = Which day should the post go out? Press «Today» or «Tomorrow» and type the time, or type the date and time at once, e.g. «15.09 14:30» or «tomorrow 8:00». School time.
sp-confirm-now = When: now.
sp-post-ask-schedule = Schedule it?
sp-confirm-at = When: { $when } (school time).
sp-btn-schedule = Schedule
sp-btn-other-time = Another time
sp-scheduled = 🕒 Post scheduled: { $channel }, { $when }. At that time it goes out just as one sent at once, and you get the report. To change its text, move or cancel it — /scheduled
sp-sent-header = 🕒 The scheduled post went out at its time ({ $when }).
sp-dropped-denied = The scheduled post ({ $channel }) was not sent: you may no longer post to the school's channels. If it is still needed, ask an admin to publish it.
sp-denied = Scheduled posts are managed by the school's admins.
sp-not-found = There is no such scheduled post. Open the fresh list: /scheduled
sp-already-sent = This post has been sent already: it can no longer be changed or cancelled.
sp-already-cancelled = This post was cancelled already. A new post — /post
sp-finish-dialog = Finish the current dialog first, or cancel it: /cancel
sp-list-none = There are no scheduled posts. To schedule one — /post, then «Schedule».
sp-list-header = Scheduled posts ({ $count }):
sp-card = 🕒 { $when }, { $channel }. Pin in the chat: { $pin ->
        [yes] yes
       *[no] no
    }.
sp-btn-edit = Change the text
sp-btn-move = Move
sp-btn-cancel = Cancel
sp-card-cancelled = ❌ The scheduled post is cancelled.
sp-cancel-done = The post is cancelled and will not go out.
sp-cancelled = ❌ The scheduled post is cancelled ({ $channel }, { $when }): it will not go out.
sp-move-ask = When should the post go out instead ({ $channel }, now: { $when })? Press «Today» or «Tomorrow» and type the time, or type the date and time at once, e.g. «15.09 14:30».
sp-moved = 🔁 Post moved: { $channel }, { $when }.
sp-edit-ask = Type the post's new text ({ $channel }, { $when }). At most 4096 characters.
sp-edit-preview = Above is the new text exactly as people will get it. Save it?
sp-btn-save = Save
sp-btn-rewrite = Write it again
sp-edited = ✅ The post's text is changed: { $channel }, { $when }.
sp-quiet-at = That time falls in the quiet hours ({ $quiet }): students and parents get the post at { $time }, the staff at once. If the post cannot wait until the morning, press «Urgent: send at night too».
sp-card-urgent = Urgent: students and parents get it in the quiet hours too.
sp-failed-header = ⚠️ The scheduled post ({ $when }) did not go out.
sp-failed-unbound = ⚠️ The scheduled post ({ $when }) was not sent: { $channel } is no longer bound to a chat. Bind the channel again (/bind in the chat) and send the post again (/post).
sp-already-failed = This post did not go out at its time. Write it again: /post
sp-posts-hint = { $count } more { $count ->
        [one] post is
       *[other] posts are
    } scheduled for later: /scheduled

## The main menu and the first steps (issue 10) — menu-, steps-
menu-cmd = the main menu: buttons for what you do
menu-title = Main menu: the buttons below. Commands work too, e.g. /help.
menu-more = More actions: the buttons below.
menu-back = Main menu: the buttons below.
menu-btn-more = More
menu-btn-back = Back
menu-btn-menu = Menu
menu-btn-help = Help
menu-btn-requests = Requests
menu-btn-classes = Classes
menu-btn-invite = Invite
menu-btn-post = Post
menu-btn-setup = First steps
menu-btn-staff = Staff
menu-btn-classteacher = Class teachers
menu-btn-invites = Invites
menu-btn-transfer = Transfer a student
menu-btn-audit = Log
menu-btn-school = School profile
menu-btn-admins = Admins
menu-btn-materials = Materials
menu-btn-chats = My chats
menu-btn-meeting = Meeting
menu-btn-broadcast = Broadcast
menu-btn-verify = Confirm teachers
menu-btn-staffchats = Staff chats
menu-btn-submit = Suggest material
menu-btn-meetings = Meetings
menu-btn-broadcasts = Broadcasts
menu-btn-webinar = Webinar
menu-btn-chat = New chat
menu-btn-lesson = Online lesson
menu-btn-lessons = Lessons
menu-btn-class = My class
steps-cmd = first steps after the school setup: what is done and what next
steps-header = First steps:
steps-classes = Create the classes
steps-staff-invite = Invite the teachers to «{ $staffRoom }»
steps-class-teachers = Appoint the class teachers{ $total ->
    [0] {""}
   *[other] {" "}({ $covered } of { $total })
}
steps-class-invites = Create invites for the classes{ $total ->
    [0] {""}
   *[other] {" "}({ $covered } of { $total })
}
steps-next-classes = Start with the classes: the «Create classes» button below.
steps-next-staff-invite = Next, the teachers' invite to «{ $staffRoom }»: the «Invite teachers» button below.
steps-next-class-teachers = Next, the class teachers: the «Appoint class teachers» button below.
steps-next-class-invites = Next, invites for students and parents: the «Class invites» button below.
steps-all-done = All first steps are done. The list again: /setup or «First steps» in the menu.
steps-btn-classes = Create classes
steps-btn-staff-invite = Invite teachers
steps-btn-class-teachers = Appoint class teachers
steps-btn-class-invites = Class invites
steps-start-hint = The school's first steps: { $done } of { $total } done. What next: the «First steps» button below.

## The audit log (/audit, F10)

au-line = { $when } — { $who }: { $what }
au-header = Audit log { $filter }. { $count ->
        [0] No entries.
        [one] { $count } entry.
       *[other] { $count } entries.
    }
au-none = Change the filters with the buttons below.
au-period-all = for all time
au-period-today = for today
au-period-week = for the last week
au-period-month = for the last month
au-period-range = for { $range }
au-filter-class = class { $name }
au-filter-person = { $person }
au-btn-today = Today
au-btn-week = Week
au-btn-month = Month
au-btn-all = All time
au-btn-class = By class
au-btn-dates = Other dates
au-btn-export = Export a file
au-btn-reset = Clear the filters
au-pick-class = Which class's entries?
au-no-classes = There are no classes yet.
au-dates-ask = Which days? Type the dates with a dash, for example: 01.09–30.09 (with years if you like: 01.09.2025–31.05.2026).
au-bad-period = “{ $value }” is not a period. Type the dates like this: 01.09–30.09.
au-bad-arg = “{ $value }” is not clear. Give a period (today, week, month or 01.09–30.09), a class (5А) or a person (a link to their VK page).
au-export-empty = No entries in this period: nothing to export.
au-export-done = The audit log as a file: { $count } { $count ->
        [one] entry
       *[other] entries
    }.
au-csv-when = Date and time
au-csv-who = Who
au-csv-what = Action
au-csv-class = Class
au-csv-person = About whom
au-csv-filename = audit-{ $period }.csv
au-someone = an unknown person
au-system = the bot
au-class-deleted = (class deleted)
au-unknown = another action
au-movement-transferred = moved to another class: { $person }, from { $from } to { $className }
au-movement-parent-transferred = a parent moves to { $className } with their child ({ $child }): { $person }, from { $from }
au-movement-parent-joined = a parent is now in both { $className } and { $from } (child: { $child }): { $person }
au-movement-left = left the school: { $person }; invites revoked: { $count }
au-movement-parent-left = left the school with their child: { $person }
au-movement-promoted = the new school year: classes moved up — { $moved }, graduated — { $graduated }, graduates and their parents — { $people }, invites revoked — { $invites }
au-class-promoted = the new school year: { $className } is now { $newName }
au-class-graduated = class { $className } graduated
au-class-created = class { $className } created
au-class-staff-room-created = the staff room created
au-class-renamed = class { $previous } renamed to { $className }
au-class-renamed-old = a class renamed, now { $className }
au-class-archived = class { $className } archived; invites revoked: { $count }
au-request-approved = request approved: { $person }, { $role }, { $className }
au-request-rejected = request rejected: { $person }, { $role }, { $className }
au-request-rejected-left = request closed, the person left: { $person }, { $role }, { $className }
au-request-rejected-graduated = request closed with the class's graduation: { $person }, { $role }, { $className }
au-family-child-linked = parent and child linked in { $className }: { $person } — { $child }
au-family-child-unlinked = parent and child unlinked in { $className }, the child left: { $person } — { $child }
au-family-child-unmatched = a parent's child not found by name in { $className }: { $person }
au-invite-created = invite created: { $className }, { $role }
au-invite-revoked = invite revoked: { $className }
au-invite-revoked-unused = unused invites revoked: { $count }
au-invite-revoked-unused-class = unused invites revoked ({ $className }): { $count }
au-invite-used = a request filed by invite: { $className }
au-admin-bootstrapped = administrator from the start: { $person }
au-admin-appointed = new administrator: { $person }
au-admin-removed = no longer an administrator: { $person }
au-head-assigned = head of school: { $person }
au-head-unassigned = no longer the head: { $person }
au-deputy-assigned = deputy head: { $person }
au-deputy-unassigned = no longer a deputy head: { $person }
au-teacher-verified = teacher status confirmed: { $person }
au-class-teacher-assigned = class teacher of { $className }: { $person }
au-class-teacher-unassigned = no longer class teacher of { $className }: { $person }
au-member-renamed = name changed: { $person }
au-school-saved = the school's profile saved
au-channel-bound-school = the school-wide channel's chat chosen
au-channel-bound-staff = the staff channel's chat chosen
au-channel-unbound-school = the chat is no longer the school-wide channel
au-channel-unbound-staff = the chat is no longer the staff channel
au-post-sent = a post sent: { $reached } of { $total } got it
au-post-scheduled = a post scheduled
au-post-moved = a scheduled post moved
au-post-edited = a scheduled post edited
au-post-cancelled = a scheduled post cancelled
au-material-submitted = material submitted for a channel
au-material-published = submitted material published
au-material-declined = submitted material declined
au-meeting-planned = a meeting planned, invited: { $count }
au-meeting-moved = a meeting moved
au-meeting-cancelled = a meeting cancelled
au-event-announced = { $kind ->
        [webinar] a webinar announced
        [lesson] an online lesson announced
       *[other] a broadcast announced
    }
au-event-moved = { $kind ->
        [webinar] a webinar moved
        [lesson] an online lesson moved
       *[other] a broadcast moved
    }
au-event-cancelled = { $kind ->
        [webinar] a webinar cancelled
        [lesson] an online lesson cancelled
       *[other] a broadcast cancelled
    }
au-admin-chat-created = an administration chat created
au-study-chat-created = a study chat of { $className } created
au-other-chat-created = a study chat created

## Who is told about movement (F10)

mv-ct-transfer-out = { $person } moves from your class { $from } to { $to }.
mv-ct-transfer-in = { $person } joins your class { $to } (from { $from }).
mv-ct-left = { $person } has left the school and is no longer in your class { $className }.
mv-promoted-teacher = The new school year: your class { $from } is now { $to }.
mv-promoted-family = The new school year: class { $from } is now { $to }. The class's chats and messages stay as they were.
mv-graduated-teacher = The new school year: your class { $name } has graduated. Thank you for your work!
mv-promoted-invites = Last year's invites revoked: { $count }. Make new ones for the new year's classes: /invite.
mv-promoted-told = Class teachers and families told: { $reached } of { $total }.
onb-invite-outdated = This link is out of date: the class has moved to the new school year. Ask { $whom ->
        [admin] the school administrator
       *[teacher] your class teacher
    } for a new one.

## Choosing a person by name or from a class roster (src/features/shared/person-picker.ts)
pp-hint = Type part of the surname (e.g. "Soko") or choose a class and the person in it. A link to the VK page works too.
pp-hint-name = Type part of the surname (e.g. "Soko") or send a link to the VK page.
pp-none = Nobody who can be chosen here matches "{ $query }". Check the spelling or type only the beginning of the surname.
pp-several = Several people match "{ $query }": { $count }.
pp-roster = Class { $name }.
pp-roster-nobody = Nobody in { $name } can be chosen for this.
pp-no-page = The VK page "{ $value }" was not found. Check the link or type the surname.
pick-canceled = Cancelled.
pp-left-who = Who has left the school?
pp-transfer-who = Whom to transfer to another class?
pp-verify-who = Whose teacher status to confirm?
pp-link-parent-who = Which parent to link to their child?
pp-link-student-who = Who is this parent's child?
pp-admin-who = Whom to appoint as an admin? (a confirmed teacher)
pp-role-who = Whom to appoint: { $role }? (a confirmed teacher)
pp-ct-who = Whom to appoint as the class teacher of { $name }? (a confirmed teacher)
pp-invite-who = Whom to send the invite to?
mv-transfer-confirm = Transfer { $person } from { $from } to { $to }?
mv-btn-transfer-yes = Transfer
pp-nameless = member
pp-one = One person found: { $person }.
pp-btn-yes = Yes, go on

## Requests: whom they go to, the summary and «Later» (F08)

req-filed = Request sent! { $who } Once it is decided, the bot will write to you here.
req-summary = { $count ->
        [one] 📝 New requests: { $count }. Press «{ req-summary-show }» to open it.
       *[other] 📝 New requests: { $count }. Press «{ req-summary-show }» to open them.
    }
req-summary-show = Show
req-summary-done = 📝 No more new requests. The list of requests: /requests.
req-summary-stale = This summary is out of date. The list of requests: /requests.
req-escalated-heading = ⏰ This request has waited long for the class teacher — you can decide it yourself.
req-reminder-heading = ⏰ You asked to be reminded of this request.
req-later-ask = When should I remind you of the request ({ $name }, { $className })?
req-later-hour = In an hour
req-later-morning = Tomorrow morning
req-later-days = In 3 days
req-later-set = I will remind you of the request ({ $name }, { $className }): { $when }.
contact-pending-who-escalated = { $count ->
        [one] Your class teacher ({ $names }) or the school's administration decides.
       *[other] One of the class teachers ({ $names }) or the school's administration decides.
    }

## Help, a question to the admins, support, the regulation, instructions (F14, F15, F17, F29, F30)

help-choose = What you can do, in short, by topic. Pick a topic below; the FAQ and a question to the administrator are there too.
help-btn-faq = FAQ
help-btn-ask = Ask the administrator
help-btn-all = All commands
help-topic-button = { $topic ->
        [setup] School and classes
        [people] People and requests
        [channels] Channels and posts
        [events] Meetings and broadcasts
        [teaching] Chats and lessons
       *[basics] General
    }
help-topic-title = { $topic ->
        [setup] 🏫 School and classes
        [people] 👥 People and requests
        [channels] 📣 Channels and posts
        [events] 📅 Meetings and broadcasts
        [teaching] 💬 Chats and lessons
       *[basics] ℹ️ General
    }
help-topic-intro = { $topic ->
        [setup] The school's profile and the Sferum application, classes by the nomenclature, invite links for classes and the staff room, the next school year.
        [people] Join requests, confirming teacher status, administrators and the administration, class teachers, transfers and leaving, the audit log.
        [channels] The school-wide channel and the staff channel: posts now or at a time, read confirmations, material to publish.
        [events] Meetings of the administration, broadcasts and webinars with reminders, the head's chats with the deputies and with the teachers.
        [teaching] Subject chats with a class and other study chats, online lessons with a reminder in the chat.
       *[basics] A question to the school's administrator, the school's regulation on Sferum, Sferum's support, the official instructions, the bot's language.
    }
help-topic-line = { $command } — { $summary }
help-faq-title = Frequently asked questions. Pick one:
help-faq-button = { $id ->
        [join] How to join
        [chats] Where are my chats
        [teachers] Who confirms teachers
        [write] The bot does not write to me
        [lang] How to change the language
       *[support] Sferum does not work
    }
help-faq-answer = { $id ->
        [join] How to join the school. Ask your class teacher or the administrator for an invite link for your class (or for the staff room if you are a teacher) and open it: the bot asks a few questions and files your request. If you have an invite code, send /join and type it. A class teacher or the administrator reviews the request, and the bot tells you the decision.
        [chats] Where are my chats. When a teacher opens a study chat for your class, the bot sends you its link privately: open it to join. Teachers see their chats with /chats. School announcements come to the school-wide channel, or privately if you are not in it.
        [teachers] Who confirms teachers. Teacher status is confirmed by the platform administrator, the head of school and the deputies (/verify). Until it is confirmed, teacher commands are not available; they are notified by themselves, no need to remind them.
        [write] The bot does not write to me. On VK a community may write only to people who wrote to it or allowed its messages. Open the school's community ({ $link }) and press «Allow messages», or write any message to the bot: then invites, chat links and answers will reach you.
        [lang] How to change the language. Send /lang and pick the language with a button: Russian or English. It is kept for you, not for one dialog.
       *[support] Sferum does not work. If the platform itself or VK Messenger does not work (signing in, the study profile, calls), write to Sferum's support at info@sferum.ru: /support prepares the letter. For questions about the school, press «Ask the administrator» in /help.
    }

q-cmd = a question to the school's administrator; the answer comes here
q-ask = Write your question to the school's administrator in one message (at most { $max } characters). The answer comes here. Press «Cancel» if you change your mind.
q-length = Now: { $length }.
q-sent = ✅ The question was sent to { $count ->
        [one] the school's administrator
       *[other] the school's administration
    }. The answer comes here.
q-no-admins = The question is saved, but there is nobody to deliver it to now: the school has no administrator the bot can write to. Please contact the school directly.
q-stranger = Questions to the administrator are for members of the school. To join, open your invite link or send /join.
q-stranger-short = Only members of the school can ask a question.
q-denied = Questions are answered by the platform administrators.
q-card = ❓ A question from { $who }, { $when }:
q-btn-answer = Answer
q-ask-answer = Write the answer in one message (at most { $max } characters); the bot passes it on to the person who asked.
q-already = This question was already answered by { $by }.
q-answered = ✅ The answer was sent to the person who asked.
q-answered-unreachable = The answer is saved, but the person who asked does not accept messages from the community; please pass it on another way.
q-card-answered = ✅ Answered by { $by }, { $when }:
    { $answer }
q-answer-to-asker = 💬 { $who } answered your question:
    «{ $question }»

    { $answer }

sup-cmd = Sferum's support (info@sferum.ru) and a ready letter
sup-subject = A support request: { $school }
sup-school-unknown = (the school's name is not set yet)
sup-school-short-unknown = school
sup-role-none = none yet
sup-describe-here = [describe here what happened: what you did, what you expected and what you saw; which device and app]
sup-body = Hello!

    School: { $school }
    My role: { $roles }
    Date: { $date }

    Problem: { $description }

    Best regards,
    [your name and phone]
sup-text = Sferum's support answers by e-mail: { $email }. { $typed ->
        [yes] Below is a ready letter with your description: copy it and send it from your e-mail.
       *[no] Below is a ready letter: copy it, describe what happened and send it from your e-mail. You can put the description in the command right away: /support the sign-in code does not come.
    }

    To: { $email }
    Subject: { $subject }

    { $body }

rules-cmd = the school's regulation on using Sferum, by sections
rules-intro = 📘 The school's regulation on using the Sferum platform and the study profile of VK Messenger. It is in Russian only; the section is shown in the original. Pick a section:
rules-in-russian = The regulation is in force in Russian; here is the original text of this section.

res-cmd = Sferum's official instructions and resources
res-text = 📚 Sferum's official instructions and resources on the study profile of VK Messenger are at { $url } (clause 3.3 of the school's regulation). If something does not work, write to support: { $email } (/support prepares the letter).
res-btn-open = Open prof-sferum.ru

## A parent's consent to the processing of a child's data (152-FZ)

cns-cmd-summary = consents to the processing of children's personal data
cns-text-self =
    Consent to the processing of personal data.
    
    The data controller is { $school }, represented by the platform's administrator.
    What is kept: your surname and name, role and class (for a parent, the child's name; for a teacher, the subjects), your VK id.
    Why: the school's communication on the platform — classes, class and school chats, announcements and school messages. The data is not passed on to anyone else.
    How to withdraw the consent: write to the school's administrator — your data will be deleted and the bot will stop writing to you.
    Text version: { $version }.
    
    Do you agree?
cns-text-parent =
    A parent's consent to the processing of a child's personal data (article 9 of Federal Law No. 152-FZ "On personal data").
    
    I, { $parent }, a parent (legal guardian) of the child { $child }, class { $class }, give my consent to the school { $school } (the data controller, represented by the platform's administrator) to process my child's personal data.
    What is kept: the child's surname and name, class, VK id.
    Why: the school's communication on the platform — classes, class and school chats, announcements and school messages. The data is not passed on to anyone else.
    How to withdraw the consent: the /consent command in this dialog or a letter to the school's administrator; once the administrator confirms, the child's data is deleted.
    Text version: { $version }.
    
    Do you give your consent?
cns-student-waiting =
    Your request is saved and waits for a parent's consent: by law (152-FZ) a parent consents to the processing of the data of a student of { $class }.
    
    Forward this link to your mother, father or another legal guardian — they should open it in VK:
    { $link }
    
    The link works until { $until } and for one consent. Once a parent consents, the request will be checked by { $whom ->
        [admin] the school's administrator
       *[teacher] the class teacher (or the school's administrator)
    }, and the bot will write to you here. A new link: /consent.
cns-student-new-link =
    A new link for your parent (the previous one no longer works):
    { $link }
    
    It works until { $until }.
cns-card-parent = Parent's consent: { $parent } (by the link in the bot)
cns-card-paper = Parent's consent: on paper (recorded by an administrator)
cns-pending-waiting = Waits for a parent's consent. A new link for your parent: /consent.
cns-link-invalid = This consent link does not work: it has expired, has been used or is mistyped. The student gets a new one with /consent in their dialog with the bot; you can also ask the class teacher.
cns-link-self = This link is for a parent: a student cannot give this consent themselves. Forward it to your mother, father or another legal guardian.
cns-parent-intro =
    Hello! You are asked to consent to the processing of a child's personal data.
    Child: { $child }
    Class: { $class }
    School: { $school }
cns-parent-ask-name = If you are this child's parent or legal guardian, write your surname, name and patronymic (yours, not the child's).
cns-parent-ask-name-vk = If you are this child's parent or legal guardian, press the button with your name or write your surname, name and patronymic (yours, not the child's).
cns-btn-give = I give my consent
cns-btn-decline = I do not consent
cns-parent-given = Thank you! The consent is recorded. The child's request ({ $child }) has gone to be checked. Your own request as this child's parent is filed too — the bot will write when it is approved. To see or withdraw the consent: /consent.
cns-parent-given-linked = Thank you! The consent is recorded. The child's request ({ $child }) has gone to be checked. To see or withdraw the consent: /consent.
cns-parent-declined = No consent given. The child's request ({ $child }) is closed and the child's data goes to no one. If you change your mind, the child can open the class invite again.
cns-parent-gone = While you were answering, the link stopped working (it was replaced by a new one, or the consent was already recorded). Nothing was changed.
cns-student-consented = Your parent's consent is received ({ $parent }). Your request has gone to be checked — the bot will write when it is approved.
cns-student-declined = Your parent did not consent to the processing of your data, so the request is closed. If this is a mistake, open the class invite again to get a new link for your parent.
cns-student-paper = The school has received your parent's consent on paper. Your request has gone to be checked — the bot will write when it is approved.
cns-req-waiting = This request waits for a parent's consent. It can be decided once a parent consents or an administrator records a paper consent (/consent).
req-reason-no_consent = a parent did not consent to the processing of the data
cns-admin-list-empty = No student requests wait for a parent's consent.
cns-admin-list-heading = Student requests waiting for a parent's consent ({ $count }). If a parent brought a consent on paper, record it with the button of the request's number:
cns-admin-list-item = { $index }. { $who }, { $class }, since { $when }
cns-btn-paper = Paper consent No. { $index }
cns-teacher-list-heading = Requests of students of your classes waiting for a parent's consent ({ $count }):
cns-teacher-hint = Remind the family: the student forwards the link to a parent (/consent gives a new one). If a parent brought a consent on paper, hand it to the school's administrator, who records it in the bot.
cns-admin-usage = If a parent brought a paper consent, press the button with the request's number under this message, or send /consent and the student (a link to their VK page).
cns-bad-person = "{ $value }" does not look like a person. Give a VK page number (e.g. 123456) or a link to the page.
cns-paper-done = Paper consent recorded: { $who }, { $class }. The request has gone to be checked.
cns-paper-done-short = Paper consent recorded
cns-paper-not-waiting = This request no longer waits for a parent's consent.
cns-paper-no-request = This person has no request waiting for a parent's consent.
cns-paper-denied = Only the school's administrators record paper consents and confirm withdrawals.
cns-none = You have no consents to see or withdraw. A consent for a child is given by the link the child sends.
cns-parent-list-heading = The consents to data processing you gave for children:
cns-parent-list-item = { $index }. { $child }, { $class } — since { $when }{ $withdrawing ->
        [yes] {" "}(the withdrawal waits for an administrator)
       *[no] {""}
    }
cns-parent-list-hint = To withdraw a consent, press the button with its number. Once an administrator confirms, the child's data is deleted.
cns-btn-withdraw = Withdraw consent No. { $index }
cns-withdraw-asked = The withdrawal went to the school's administrators. Once they confirm, the child's data ({ $child }) will be deleted and the bot will tell you.
cns-withdraw-asked-short = Sent to the administrators
cns-withdraw-already = The withdrawal has already been sent and waits for an administrator.
cns-withdraw-not-yours = You can withdraw only a consent you gave yourself.
cns-admin-withdraw-notice =
    The parent { $parent } withdraws the consent to the processing of a child's data: { $child }, { $class }.
    Once you confirm, the child's data is deleted: the member record, the place in the class roster, the links to parents and the requests.
cns-btn-withdraw-confirm = Confirm and delete the data
cns-withdraw-done-admin = The consent is withdrawn, the child's data is deleted.
cns-withdraw-done-short = Data deleted
cns-withdraw-gone = This withdrawal has already been handled.
cns-withdraw-done-parent = An administrator confirmed the withdrawal. The child's data ({ $child }) has been deleted from the school bot.
