## Common

error-generic = Something went wrong on our side. Nothing is lost — please try again in a minute. If it happens again, tell the school's administrator.
error-unavailable = The service is temporarily unavailable. Your message is kept; please try again in a minute.
button-stale = This button is out of date or does not belong to the current step. Please use the buttons of the latest message.
command-unknown = I don't know that command. See /help for the list.
command-denied = This command is not available to you. See /help for yours.
command-dm-only = This command works only in a private dialog with the bot.
text-unknown = I understand commands and buttons. See /help for the list.
in-scene-command = Please finish the current step first, or send /cancel.
cancel-done = Cancelled. Nothing was saved. See /help for the commands.
cancel-nothing = There is nothing to cancel.
lang-set = The language is now English.
lang-usage = Choose a language: /lang ru or /lang en.

btn-cancel = Cancel
btn-confirm = All correct
btn-change = Change
btn-keep = Keep as is
btn-back = Back

## Help

help-header = What you can do:
help-line = /{ $command } — { $summary }
help-footer = Commands also work in Russian, e.g. /помощь. In a chat, type a command the same way: /help.
help-unknown-person =
    Hello! This is a school's bot on the Sferum platform.
    To join, ask your class teacher (or the school's administrator) for an invite link and open it — or send the invite code with /join CODE.
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
start-known-no-school = Hello! The school's profile is not filled in yet — the administrator does it with /school. See /help for the commands.

## School profile (F01, F02, F03)

setup-ask-fullName = The school's full official name (as in its charter).
setup-ask-shortName = The short name, e.g. MAOU SOSh No. 11.
setup-ask-city = The town or city.
setup-ask-adminName = The platform administrator's full name (yours): surname, first name, patronymic.
setup-ask-email = The administrator's e-mail address.
setup-ask-phone = The administrator's personal mobile number — Sferum sends the login code to it, e.g. +7 912 345-67-89.
setup-current = Now: { $value }
setup-use-vk-name = { $name }

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
school-not-set = The school's profile is not filled in yet.
school-denied = Only the platform administrator can change the school's profile.
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
